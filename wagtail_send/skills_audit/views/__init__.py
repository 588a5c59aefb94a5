"""Front-end views of the staff-skills audit (staff use the intranet, not the admin)."""

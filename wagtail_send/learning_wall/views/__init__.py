"""Front-end views of the learning wall (staff use these; they need no admin access)."""

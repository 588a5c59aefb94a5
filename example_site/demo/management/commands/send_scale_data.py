"""Generate a multi-academy trust's data in bulk for the benchmark (see docs/performance.md)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from example_site.bench.scale import AlreadyGenerated, Generator


class Command(BaseCommand):
    help = (
        "Fill this database with a trust: N schools, staff, learning-wall posts, services, "
        "learning walks, skills-audit answers and object-permission grants, in bulk. "
        "Use a database of its own, never a live one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=50, help="Schools (default 50).")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="1.0 is a full trust (100,000 posts, ~1,000,000 grants); 0.01 is quick.",
        )

    def handle(self, *args, schools, scale, **options):
        if schools < 1 or scale <= 0:
            raise CommandError("--schools must be at least 1 and --scale above 0.")
        self.stdout.write(f"Database: {connection.vendor}; {schools} schools at scale {scale}")
        start = time.perf_counter()
        generator = Generator(schools=schools, scale=scale, log=self.stdout.write)
        try:
            made = generator.run()
        except AlreadyGenerated as error:
            raise CommandError(str(error)) from error
        total = time.perf_counter() - start
        summary = ", ".join(f"{count:,} {name}" for name, count in made.items())
        self.stdout.write(self.style.SUCCESS(f"Made {summary} in {total:.0f} s."))

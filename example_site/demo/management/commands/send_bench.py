"""Print every benchmark figure beside its reference and target (see docs/performance.md).

Run it on a database filled by ``send_scale_data``. Writes happen inside transactions
that are rolled back, except the signed-in session the load test uses.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from example_site.bench import cache, hits, imports, listings, load, timing
from example_site.bench.figures import Figure, table
from wagtail_send.directory.models import Service
from wagtail_send.learning_wall.models import Post
from wagtail_send.models import School

#: The parts that make their own data, so need no ``send_scale_data``.
SELF_CONTAINED = {"import", "import memory"}
#: The parts ``--only`` may name, in the order they run.
PARTS = [
    "listings",
    "permission filter",
    "render",
    "saves",
    "import",
    "import memory",
    "public pages",
    "hit rates",
    "load",
]


def _ms(seconds):
    return None if seconds is None else seconds * 1000


class Command(BaseCommand):
    help = "Measure wagtail-send at trust scale and print each figure with its reference."

    def add_arguments(self, parser):
        parser.add_argument(
            "--load-seconds",
            type=int,
            default=10,
            help="Length of each loopback load run (default 10).",
        )
        parser.add_argument(
            "--no-load",
            action="store_true",
            help="Skip the gunicorn load test and its memory figure.",
        )
        parser.add_argument(
            "--import-count",
            type=int,
            default=10_000,
            help="Services in the import figure (default 10,000).",
        )
        parser.add_argument(
            "--import-size",
            type=int,
            help="Bytes of each file in the import memory figures (default: the upload limit).",
        )
        parser.add_argument(
            "--mix-requests",
            type=int,
            default=400,
            help="Requests and writes in the cache hit-rate mix (default 400).",
        )
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="PART",
            help="Measure only these parts: " + ", ".join(PARTS) + ".",
        )

    def handle(
        self,
        *args,
        load_seconds,
        no_load,
        import_count,
        import_size,
        mix_requests,
        only,
        **options,
    ):
        unknown = set(only or ()) - set(PARTS)
        if unknown:
            raise CommandError(f"Unknown parts: {', '.join(sorted(unknown))}")
        demo = School.objects.exclude(site=None).order_by("pk").first()
        if (demo is None or not Post.objects.exists()) and not set(only or ()) <= SELF_CONTAINED:
            raise CommandError("No data: run `manage.py send_scale_data` first.")
        self.stdout.write(
            f"Database: {connection.vendor}; {School.objects.count()} schools, "
            f"{Post.objects.count():,} posts, {Service.objects.count():,} services, "
            f"{self._grant_rows():,} object-permission rows"
        )
        figures = []
        plan = None
        steps = [
            ("listings", lambda: self._listings(demo)),
            ("permission filter", lambda: self._permission(demo)),
            ("render", lambda: self._render(demo)),
            ("saves", self._saves),
            ("import", lambda: self._import(import_count)),
            ("import memory", lambda: self._import_memory(import_size)),
            ("public pages", lambda: self._public(demo)),
            ("hit rates", lambda: self._hit_rates(demo, mix_requests)),
        ]
        if not no_load:
            steps.append(("load", lambda: self._load(load_seconds)))
        steps = [(label, step) for label, step in steps if not only or label in only]
        for label, step in steps:
            self.stderr.write(f"measuring {label}…")
            result = step()
            if label == "permission filter":
                result, plan = result
            figures += result
        self.stdout.write(table(figures))
        if plan:
            self.stdout.write("\nPlans of the permission-filtered listings (EXPLAIN ANALYZE):")
            self.stdout.write(plan)

    @staticmethod
    def _grant_rows():
        from django.apps import apps

        from wagtail_send.access.policy import grant_model_for
        from wagtail_send.models import SchoolRecord

        return sum(
            grant_model_for(model).objects.count()
            for model in apps.get_models()
            if issubclass(model, SchoolRecord) and grant_model_for(model)
        )

    def _listings(self, demo):
        figures = []
        front_end = [(item, "queries") for item in listings.front_end_listings(demo)]
        every = front_end + [(item, "queries") for item in listings.admin_listings()]
        # Front-end pages cache their content: count the first reader after a write too.
        every += [(item, "queries, nothing cached") for item, _label in front_end]
        for listing, label in every:
            status, first, second, added = listings.measure(
                listing, demo, cached=label == "queries"
            )
            limit = listing.limit
            figures.append(
                Figure(
                    f"{label}: {listing.label}",
                    second,
                    first,
                    unit="q",
                    target=f"equal, <= {limit}",
                    check=lambda f, limit=limit, status=status: (
                        status == 200 and f.value == f.reference and f.value <= limit
                    ),
                    note="" if status == 200 else f"HTTP {status}",
                )
            )
        figures.insert(0, Figure("(queries: value with 30 more records, reference as is)", ""))
        return figures

    def _permission(self, demo):
        figures = []
        plans = []
        for scope, querysets in [
            ("trust-wide", timing.permission_listing_querysets()),
            ("one school, as the wall", timing.school_listing_querysets(demo)),
        ]:
            filtered, unfiltered = timing.permission_listing_times(querysets)
            figures.append(
                Figure(
                    f"permission-filtered 25 posts, {scope} (server)",
                    _ms(filtered),
                    _ms(unfiltered),
                    unit="ms",
                    target="<= 1.5x unfiltered",
                    check=lambda f: f.ratio is not None and f.ratio <= 1.5,
                )
            )
            if connection.vendor != "postgresql":
                continue
            database_ms, scope_plan, problems = timing.explain(querysets[0])
            reference_ms, _plan, _problems = timing.explain(querysets[1])
            plans.append(f"{scope}:\n{scope_plan}")
            figures += [
                Figure(
                    f"permission-filtered 25 posts, {scope} (database)",
                    database_ms,
                    reference_ms,
                    unit="ms",
                    target="< 20 ms",
                    check=lambda f: f.value < 20,
                ),
                Figure(
                    f"plan, {scope}: index scans, no seq scan on grants, no casts",
                    "; ".join(problems) or "ok",
                    "ok",
                    target="ok",
                    check=lambda f: f.value == "ok",
                ),
            ]
        return figures, "\n\n".join(plans)

    def _render(self, demo):
        figures = []
        for label, status, seconds, plain, words in timing.render_times(
            timing.feature_pages(demo)
        ):
            figures.append(
                Figure(
                    f"render: {label}",
                    _ms(seconds),
                    _ms(plain),
                    unit="ms",
                    target="<= 2x plain page",
                    check=lambda f, status=status: status == 200 and f.ratio <= 2,
                    note=f"plain page holds the same {words} words"
                    + ("" if status == 200 else f"; HTTP {status}"),
                )
            )
        return figures

    def _saves(self):
        tracked, plain = timing.save_costs()
        return [
            Figure(
                "tracked save of a post (history, chain)",
                _ms(tracked),
                _ms(plain),
                unit="ms",
                target="<= 1.5x plain save",
                check=lambda f: f.ratio is not None and f.ratio <= 1.5,
            ),
        ]

    def _import(self, count):
        seconds = timing.import_time(count)
        return [
            Figure(
                f"import {count:,} services (check + write + history)",
                seconds,
                None,
                unit="s",
                target="< 10 s",
                check=lambda f: f.value is not None and f.value < 10,
            ),
        ]

    def _import_memory(self, size):
        figures = [Figure("(import of the largest file allowed: check, preview, import)", "")]
        limit = 50
        for label, fmt, data in imports.files(size):
            size = len(data) / imports.MB
            entries, bad, steps = imports.measure(fmt, data)
            for step, measured in steps.items():
                note = (
                    f"{size:.1f} MB file, {entries:,} entries, {bad} bad; {measured.seconds:.1f} s"
                )
                figures.append(
                    Figure(
                        f"peak memory: {label}, {step}",
                        measured.python_mb,
                        measured.rss_mb,
                        unit="MB",
                        target=f"< {limit} MB",
                        check=lambda f: (
                            f.value < limit and (f.reference is None or f.reference < limit)
                        ),
                        note=note + "; reference: resident memory growth",
                    )
                )
        return figures

    def _public(self, demo):
        figures = []
        for label, page in cache.public_pages(demo):
            status, queries = cache.hit_queries(page)
            figures.append(
                Figure(
                    f"cache hit queries: {label}",
                    queries,
                    0,
                    unit="q",
                    target="0 on a hit",
                    check=lambda f: f.value == 0,
                    note="" if status == 200 else f"HTTP {status}",
                )
            )
        pages = cache.public_pages(demo)
        if pages:
            fresh = cache.fresh_after_publish(pages[0][1])
            figures.append(
                Figure(
                    "public page fresh after publish",
                    "yes" if fresh else "no",
                    "yes",
                    target="purged on publish",
                    check=lambda f: f.value == "yes",
                )
            )
        return figures

    def _hit_rates(self, demo, requests):
        counts, queries, served = hits.hit_rates(demo, requests)
        figures = [Figure(f"(cache hit rates over {requests} requests and writes)", "")]
        for name in hits.NAMES:
            lookups, found = counts[name, "lookups"], counts[name, "hits"]
            figures.append(
                Figure(
                    f"hit rate: {name}",
                    100 * found / lookups if lookups else None,
                    unit="%",
                    target="reported",
                    note=f"{found} of {lookups} lookups",
                )
            )
        for label in sorted(served):
            if label in queries:
                figures.append(
                    Figure(
                        f"mix queries per request: {label}",
                        queries[label] / served[label],
                        unit="q",
                        target="reported",
                        note=f"{served[label]} requests",
                    )
                )
            else:
                figures.append(Figure(f"mix {label}", served[label], target="reported"))
        return figures

    def _load(self, seconds):
        cookie = load.session_cookie("teacher")
        wall = next(
            iter(timing.feature_pages(School.objects.exclude(site=None).order_by("pk").first())),
            None,
        )
        with load.Server() as server:
            # Warm both workers before measuring.
            load.warm(server, "/bench/constant/", None)
            constant, bad_constant, tool = load.load(server, "/bench/constant/", None, seconds)
            baseline_rss = server.peak_rss_mb()
            load.warm(server, wall[1].url, cookie)
            rate, bad, tool = load.load(server, wall[1].url, cookie, seconds)
            peak_rss = server.peak_rss_mb()
        note = (
            f"{tool}, {load.CONNECTIONS} connections, {seconds} s, gunicorn {load.WORKERS} workers"
        )
        if bad or bad_constant:
            note += f"; non-2xx responses: wall {bad}, constant {bad_constant}"
        return [
            Figure(
                "requests/s: learning wall, signed-in teacher",
                rate,
                constant,
                unit="req/s",
                target=">= 1/8 of constant view",
                check=lambda f: not bad and f.ratio is not None and f.ratio >= 1 / 8,
                note=note,
            ),
            Figure(
                "peak RSS of a worker under that load",
                peak_rss,
                baseline_rss,
                unit="MB",
                target="reported",
                note="reference: after the constant-view load",
            ),
        ]

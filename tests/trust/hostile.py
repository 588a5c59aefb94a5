"""A corpus of hostile input: each payload, if it ever runs, sets ``window.__xss`` or opens
a dialog, which the browser tests listen for."""

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '"><script>window.__xss=1</script>',
    "<img src=x onerror=window.__xss=1>",
    "'><img src=x onerror=alert(1)>",
    '<svg onload="window.__xss=1"><circle r="1"/></svg>',
    "<svg><script>window.__xss=1</script></svg>",
    '<a href="javascript:window.__xss=1">read more</a>',
    "[read more](javascript:window.__xss=1)",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    "<details open ontoggle=window.__xss=1>",
    "**<b onmouseover=window.__xss=1>bold</b>**",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "{{ 7*7 }}<style>*{background:url(javascript:alert(1))}</style>",
]

#: every payload in one value, for text fields with room for it
ALL = "\n\n".join(PAYLOADS)

#: for short fields (titles, names): the payload most likely to run if it were not escaped
SHORT = "<img src=x onerror=window.__xss=1>"

#: an uploaded file's name
FILE_NAME = '"><img src=x onerror=window.__xss=1>.txt'


def text_values(model):
    """``{field: payload}`` for every free-text field of ``model``."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.get_internal_type() not in ("CharField", "TextField") or field.choices:
            continue
        if field.unique or field.name in ("uid",) or field.is_relation:
            continue
        # Rich text is only ever written through a form that filters it (Draftail's
        # contentstate or the wall's plain-text form); raw HTML stored by the ORM is not a
        # path a person has, so it goes through the forms in the browser test instead.
        if type(field).__name__ in ("EmailField", "URLField", "SlugField", "RichTextField"):
            continue
        limit = field.max_length
        values[field.name] = ALL if limit is None or limit >= len(ALL) else SHORT[:limit]
    return values

from wagtail.models import Site

from ..access.policy import memberships_of

SESSION_KEY = "wagtail_send_school"
_REQUEST_ATTR = "_wagtail_send_school"


def schools_for(user):
    """The schools ``user`` belongs to, by name (all schools for a superuser)."""
    from ..models import School

    if getattr(user, "is_superuser", False) and user.is_active:
        return School.objects.all()
    return School.objects.filter(pk__in=list(memberships_of(user)))


def get_current_school(request):
    """The school this request is about, or None.

    In order: the school whose Wagtail Site serves the request (public pages); the
    school the person chose this session; their only (or first) school; the only school
    in the install. Cached on the request.
    """
    if hasattr(request, _REQUEST_ATTR):
        return getattr(request, _REQUEST_ATTR)
    school = _resolve(request)
    setattr(request, _REQUEST_ATTR, school)
    return school


def _resolve(request):
    from ..models import School

    user = getattr(request, "user", None)
    member_of = memberships_of(user) if user is not None else {}
    site = Site.find_for_request(request)
    if site is not None:
        school = School.objects.filter(site=site).first()
        if school is not None and (not member_of or school.pk in member_of):
            return school
    chosen = getattr(request, "session", {}).get(SESSION_KEY)
    if chosen and (chosen in member_of or getattr(user, "is_superuser", False)):
        school = School.objects.filter(pk=chosen).first()
        if school is not None:
            return school
    if member_of:
        return School.objects.filter(pk__in=list(member_of)).first()
    schools = list(School.objects.all()[:2])
    return schools[0] if len(schools) == 1 else None

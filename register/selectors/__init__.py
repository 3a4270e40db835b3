from register.selectors.organisation import (
    audit_for_user,
    centre_slugs_with_role,
    centres_public,
    counties_with_centre_counts,
    memberships_of,
    professionals,
)

__all__ = [
    "audit_for_user",
    "centre_slugs_with_role",
    "centres_public",
    "counties_with_centre_counts",
    "memberships_of",
    "professionals",
]

from register.selectors.organisation import (
    audit_for_user,
    centres_public,
    counties_with_centre_counts,
    memberships_of,
)

__all__ = ["audit_for_user", "centres_public", "counties_with_centre_counts", "memberships_of"]

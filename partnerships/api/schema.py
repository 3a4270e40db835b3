"""What the partnership endpoints' documentation shares: the tag, the path parameters, the 404's meaning."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

TAGS = ["partnerships"]
AGREEMENT_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The agreement's id.")
AGREEMENT_PK = OpenApiParameter(
    "agreement_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The agreement's id."
)
NOT_FOUND = "No such agreement, or not one I may manage."

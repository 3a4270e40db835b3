"""The e-guidance API's serializers and fields; the views are in ``guidance.api.views``."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    extend_schema_field,
)
from rest_framework import serializers

from core.api import EnumField
from core.markdown import render as render_markdown
from guidance import selectors, services
from guidance.forms import AskForm, FollowUpForm
from guidance.models import AgeGroup, Message, MessageKind, Question, QuestionStatus, Topic
from guidance.permissions import can_answer, can_follow_up, can_rate
from guidance.services import QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH
from register.models import Centre, County

TAGS = ["guidance"]
# Links to the asker's conversation carry the token: not for shared caches or the browser's back button.
PRIVATE = {"Cache-Control": "no-store, private"}


def not_found_message():
    return _("No conversation has this link. It may have been deleted, or the link is incomplete.")


# Enumerations, named so they do not clash with other apps' "status" and "kind"


def topic_field(**kwargs):
    return EnumField(Topic, component="GuidanceTopicEnum", **kwargs)


def status_field(**kwargs):
    return EnumField(QuestionStatus, component="GuidanceQuestionStatusEnum", **kwargs)


# Serializers


class GuidanceErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class GuidanceCountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["number", "name"]


class GuidanceCentreSerializer(serializers.ModelSerializer):
    """The contact details of the centre the counsellor referred the asker to."""

    class Meta:
        model = Centre
        fields = ["id", "name", "address", "postcode", "place", "phone", "email", "website", "opening_hours"]
        read_only_fields = fields


# What the form takes, so the schema says it: 20 to 5,000 characters once trimmed, counted with one kind of
# line break (so no CR), and no NUL (Django's form fields refuse it).
@extend_schema_field(
    {
        "type": "string",
        "minLength": QUESTION_MIN_LENGTH,
        "maxLength": QUESTION_MAX_LENGTH,
        "pattern": r"^[^\s\x00][^\r\x00]*[^\s\x00]$",
    }
)
class QuestionTextField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=True, allow_blank=True, **kwargs)


@extend_schema_field({"type": "boolean", "enum": [True]})
class ConsentField(serializers.BooleanField):
    """Must be true; the form says so when it is not."""


class FormRulesSerializer(serializers.Serializer):
    """Input checked by the question page's own form, so the API and the page apply one set of rules and
    give the same messages. The declared fields document the input; ``form_class`` decides."""

    form_class = None

    def to_internal_value(self, data):
        if not hasattr(data, "get"):
            raise serializers.ValidationError({"non_field_errors": [_("Send the fields as a JSON object.")]})
        # A field sent as null counts as not sent; JSON true/false reach the checkbox as they are.
        form = self.form_class(data={name: data.get(name) for name in self.fields if data.get(name) is not None})
        if not form.is_valid():
            errors = form.errors.get_json_data()
            non_field = errors.pop("__all__", [])
            raise serializers.ValidationError(
                {name: [error["message"] for error in field_errors] for name, field_errors in errors.items()}
                | ({"non_field_errors": [error["message"] for error in non_field]} if non_field else {})
            )
        return form.cleaned_data


class GuidanceAskSerializer(FormRulesSerializer):
    form_class = AskForm

    text = QuestionTextField(
        help_text=gettext_lazy(
            "The question, 20 to 5,000 characters. Leave out names and other details that say who you are."
        )
    )
    topic = topic_field()
    county = serializers.SlugRelatedField(
        slug_field="number",
        queryset=County.objects.all(),
        required=False,
        allow_null=True,
        help_text=gettext_lazy("County number, for example 46 for Vestland; the answer may refer to its centre."),
    )
    age_group = EnumField(AgeGroup, component="GuidanceAgeGroupEnum", required=False, allow_blank=True)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("For a notice with the link when the answer is ready; never shown to anyone."),
    )
    consent = ConsentField(
        help_text=gettext_lazy(
            "Must be true: the asker agrees that the question is stored until it is answered and deleted 90 days "
            "after the last activity."
        )
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=gettext_lazy("Leave empty (a trap for robots)."),
    )

    def to_internal_value(self, data):
        if hasattr(data, "get") and str(data.get("website") or "").strip():
            # The page answers a robot with a neutral message; an API client is told which field is wrong.
            raise serializers.ValidationError({"website": [_("Leave this field empty.")]})
        return super().to_internal_value(data)


class GuidanceAskResultSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=gettext_lazy("The private token: keep it; it is the only way back."))
    url = serializers.URLField(help_text=gettext_lazy("The private link to the conversation's page."))
    api_url = serializers.URLField(help_text=gettext_lazy("The conversation in this API."))
    status = status_field()
    due_at = serializers.DateTimeField(help_text=gettext_lazy("When an answer is promised by."))


class GuidanceMessageSerializer(serializers.ModelSerializer):
    kind = EnumField(MessageKind, component="GuidanceMessageKindEnum", read_only=True)
    body = serializers.CharField(read_only=True, help_text=gettext_lazy("As written; answers are Markdown."))
    html = serializers.SerializerMethodField(help_text=gettext_lazy("The body as sanitised HTML."))

    class Meta:
        model = Message
        fields = ["kind", "body", "html", "created_at"]
        read_only_fields = fields

    def get_html(self, message) -> str:
        return render_markdown(message.body)


class GuidanceConversationSerializer(serializers.ModelSerializer):
    """The asker's view. Expects ``record`` and ``referred_to`` joined (``selectors.question_for_token``)."""

    topic = topic_field(read_only=True)
    status = status_field(read_only=True)
    due_at = serializers.SerializerMethodField(
        help_text=gettext_lazy("When an answer is promised by; null once answered.")
    )
    messages = GuidanceMessageSerializer(many=True, read_only=True)
    referred_to = GuidanceCentreSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("The career centre the counsellor referred you to.")
    )
    helpful = serializers.BooleanField(
        source="record.helpful", read_only=True, allow_null=True, help_text=gettext_lazy("Your rating of the answer.")
    )
    can_follow_up = serializers.SerializerMethodField(
        help_text=gettext_lazy("One follow-up question is possible, after the answer.")
    )
    can_rate = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "topic",
            "status",
            "created_at",
            "due_at",
            "messages",
            "referred_to",
            "helpful",
            "can_follow_up",
            "can_rate",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, question):
        return serializers.DateTimeField().to_representation(question.due_at) if question.is_waiting else None

    def get_can_follow_up(self, question) -> bool:
        return can_follow_up(question)

    def get_can_rate(self, question) -> bool:
        return can_rate(question)


class GuidanceFollowUpSerializer(FormRulesSerializer):
    form_class = FollowUpForm

    text = QuestionTextField(help_text=gettext_lazy("20 to 5,000 characters."))


class GuidanceRateSerializer(serializers.Serializer):
    helpful = serializers.BooleanField(help_text=gettext_lazy("Whether the answer helped."))


class GuidanceQueueItemSerializer(serializers.ModelSerializer):
    """One question in the queue, without its text. Expects ``county`` and ``claimed_by`` joined."""

    topic = topic_field(read_only=True)
    status = status_field(read_only=True)
    county = GuidanceCountySerializer(read_only=True, allow_null=True)
    age_group = EnumField(AgeGroup, component="GuidanceAgeGroupEnum", read_only=True, allow_blank=True)
    asked_at = serializers.DateTimeField(source="created_at", read_only=True)
    is_overdue = serializers.SerializerMethodField(help_text=gettext_lazy("Waiting after its due time."))
    claimed_by = serializers.SerializerMethodField(help_text=gettext_lazy("The counsellor answering it, if any."))
    claimed_by_me = serializers.SerializerMethodField()
    has_follow_up = serializers.BooleanField(source="record.followed_up", read_only=True)
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The question's page for counsellors."))

    class Meta:
        model = Question
        fields = [
            "id",
            "topic",
            "status",
            "county",
            "age_group",
            "asked_at",
            "due_at",
            "is_overdue",
            "claimed_by",
            "claimed_by_me",
            "claimed_at",
            "has_follow_up",
            "url",
        ]
        read_only_fields = fields

    def get_is_overdue(self, question) -> bool:
        return question.is_waiting and question.due_at <= self.context["now"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_claimed_by(self, question):
        return question.claimed_by.get_full_name() if question.claimed_by_id else None

    def get_claimed_by_me(self, question) -> bool:
        return question.claimed_by_id == self.context["request"].user.pk

    def get_url(self, question) -> str:
        return self.context["request"].build_absolute_uri(reverse("guidance:question", kwargs={"pk": question.pk}))


class GuidanceCounsellorMessageSerializer(GuidanceMessageSerializer):
    author = serializers.SerializerMethodField()

    class Meta(GuidanceMessageSerializer.Meta):
        fields = [*GuidanceMessageSerializer.Meta.fields, "author"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, message):
        return message.author.get_full_name() if message.author_id else None


class GuidanceNoteSerializer(serializers.Serializer):
    body = serializers.CharField(read_only=True)
    author = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, note):
        return note.author.get_full_name() if note.author_id else None


class GuidanceReferralCentreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Centre
        fields = ["id", "name"]
        read_only_fields = fields


class GuidanceQueueQuestionSerializer(GuidanceQueueItemSerializer):
    """A question with its conversation and the counsellors' notes. Expects the prefetches of ``_detail``."""

    messages = GuidanceCounsellorMessageSerializer(many=True, read_only=True)
    notes = GuidanceNoteSerializer(many=True, read_only=True, help_text=gettext_lazy("Never shown to the asker."))
    referred_to = GuidanceCentreSerializer(read_only=True, allow_null=True)
    helpful = serializers.BooleanField(source="record.helpful", read_only=True, allow_null=True)
    can_answer = serializers.SerializerMethodField(help_text=gettext_lazy("I have claimed it and may answer."))
    referral_centres = serializers.SerializerMethodField(
        help_text=gettext_lazy("The centres the answer may refer the asker to (``refer_to``).")
    )

    class Meta(GuidanceQueueItemSerializer.Meta):
        fields = [
            *GuidanceQueueItemSerializer.Meta.fields,
            "messages",
            "notes",
            "referred_to",
            "helpful",
            "can_answer",
            "referral_centres",
        ]
        read_only_fields = fields

    def get_can_answer(self, question) -> bool:
        return can_answer(self.context["request"].user, question)

    @extend_schema_field(GuidanceReferralCentreSerializer(many=True))
    def get_referral_centres(self, question):
        return GuidanceReferralCentreSerializer(selectors.referral_centres(question), many=True).data


class GuidanceAnswerSerializer(serializers.Serializer):
    body = serializers.CharField(
        max_length=services.ANSWER_MAX_LENGTH,
        help_text=gettext_lazy("The answer, in Markdown. The asker is e-mailed the link, never the text."),
    )
    refer_to = serializers.PrimaryKeyRelatedField(
        queryset=Centre.objects.none(),
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Id of a centre from ``referral_centres``: the answer shows its contact details."),
    )

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        if question is not None:
            self.fields["refer_to"].queryset = selectors.referral_centres(question)

"""The exit survey, version 1 (DOMAIN.md 2.4), with the PA block of 2.5.

Short and anonymous, given at the point of leaving. The exploitation question (X13) is sensitive: a "yes" shows the
help contacts at once, and its answers are counted only at council level.
"""

from __future__ import annotations

from surveys.questionnaires import options as o
from surveys.questionnaires.pa import pa_questions
from surveys.questionnaires.types import Condition, Option, Question, Questionnaire, QuestionType

EXPLOITATION_KEY = "exploitation"

_ABOUT_YOUR_JOB = (
    Question(
        key="employer_type",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="Who were you working for?",
        options=o.EMPLOYER_TYPE,
        section="Your job",
        ref="X1",
    ),
    Question(
        key="main_job",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="What was your main job?",
        options=o.MAIN_JOB,
        section="Your job",
        ref="X2",
    ),
    Question(
        key="time_in_job",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="How long did you work there?",
        options=(
            Option("under_3m", "Less than 3 months"),
            Option("3_12m", "3 to 12 months"),
            Option("1_2y", "1 to 2 years"),
            Option("3_5y", "3 to 5 years"),
            Option("over_5y", "More than 5 years"),
        ),
        section="Your job",
        ref="X3",
    ),
    Question(
        key="contract",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="What contract were you on?",
        options=o.CONTRACT,
        section="Your job",
        ref="X4",
    ),
)

_LEAVING = (
    Question(
        key="main_reason",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="What is the main reason you are leaving?",
        options=o.LEAVING_REASONS,
        section="Why you are leaving",
        ref="X5",
    ),
    Question(
        key="other_reasons",
        version=1,
        type=QuestionType.MULTIPLE_CHOICE,
        text="Are there any other reasons you are leaving?",
        hint="Select all that apply, or leave blank.",
        options=o.LEAVING_REASONS,
        required=False,
        section="Why you are leaving",
        ref="X6",
    ),
    Question(
        key="next_step",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="What will you do next?",
        options=o.DESTINATIONS,
        section="What you will do next",
        ref="X7",
    ),
    Question(
        key="pay_comparison",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="How does the hourly pay in your new job compare?",
        options=(
            Option("less_or_same", "Less, or the same"),
            Option("up_to_50p", "Up to 50p an hour more"),
            Option("50p_to_1", "50p to £1 an hour more"),
            Option("1_to_2", "£1 to £2 an hour more"),
            Option("over_2", "More than £2 an hour more"),
            o.PREFER_NOT,
        ),
        show_if=Condition("next_step", o.NEW_JOB_DESTINATIONS),
        section="What you will do next",
        ref="X8",
    ),
    Question(
        key="stay_levers",
        version=1,
        type=QuestionType.MULTIPLE_CHOICE,
        text="Could anything have made you stay?",
        hint="Select all that apply.",
        options=o.STAY_LEVERS,
        section="What you will do next",
        ref="X9",
    ),
)

_HOW_YOU_WERE_TREATED = (
    Question(
        key="talked_about_leaving",
        version=1,
        type=QuestionType.YES_NO,
        text="Did you get the chance to talk about leaving with your manager or employer?",
        options=o.YES_NO,
        section="How you were treated",
        ref="X10",
    ),
    Question(
        key="treated_fairly",
        version=1,
        type=QuestionType.AGREEMENT,
        text="I was treated fairly",
        hint="Do you agree or disagree?",
        options=o.AGREEMENT,
        section="How you were treated",
        theme="fairness",
        ref="X11",
    ),
    Question(
        key="paid_correctly",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="Were you paid correctly and on time?",
        options=(
            Option("always", "Always"),
            Option("mostly", "Mostly"),
            Option("sometimes", "Sometimes"),
            Option("never", "Never"),
        ),
        section="How you were treated",
        ref="X12",
    ),
    Question(
        key=EXPLOITATION_KEY,
        version=1,
        type=QuestionType.YES_NO,
        text=(
            "Were you ever asked to pay fees to get or keep this job, made to hand over your passport, "
            "or threatened about your visa?"
        ),
        options=o.YES_NO_PREFER_NOT,
        sensitive=True,
        help_on=("yes",),
        section="How you were treated",
        ref="X13",
    ),
)

_LOOKING_BACK = (
    Question(
        key="work_in_care_again",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="Would you work in social care again?",
        options=(o.YES, Option("maybe", "Maybe"), o.NO),
        section="Looking back",
        ref="X14",
    ),
    Question(
        key="recommend_employer",
        version=1,
        type=QuestionType.SCALE_0_10,
        text="How likely are you to recommend this employer as a place to work?",
        hint="0 means not at all likely. 10 means extremely likely.",
        section="Looking back",
        theme="advocacy",
        ref="X15",
    ),
    Question(
        key="anything_else",
        version=1,
        type=QuestionType.FREE_TEXT,
        text="Is there anything else you want the council to know?",
        hint="Please do not write any names. Your employer will never see this answer.",
        required=False,
        section="Looking back",
        ref="X16",
    ),
)

EXIT_V1 = Questionnaire(
    kind="exit",
    version="1",
    title="Leaving a care job: survey",
    questions=(
        *_ABOUT_YOUR_JOB,
        *pa_questions(leaving=True),
        *_LEAVING,
        *_HOW_YOU_WERE_TREATED,
        *_LOOKING_BACK,
    ),
)

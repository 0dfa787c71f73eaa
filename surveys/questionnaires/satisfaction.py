"""The annual frontline staff survey, version 1 (DOMAIN.md 2.3), with the PA block of 2.5.

Care workers, nurses, support workers and PAs. Core items keep the wording of DOMAIN.md so that indicators can be
compared year on year; the answer prompt for a scale goes in the hint.
"""

from __future__ import annotations

from surveys.questionnaires import options as o
from surveys.questionnaires.pa import pa_questions
from surveys.questionnaires.types import Option, Question, Questionnaire, QuestionType

AGREE_HINT = "Do you agree or disagree?"
OFTEN_HINT = "How often is this true for you?"
NO_NAMES_HINT = "Please do not write any names. Your employer will never see this answer."


def _agree(key: str, text: str, *, theme: str, ref: str, section: str = "Your work") -> Question:
    return Question(
        key=key,
        version=1,
        type=QuestionType.AGREEMENT,
        text=text,
        hint=AGREE_HINT,
        options=o.AGREEMENT,
        section=section,
        theme=theme,
        ref=ref,
    )


def _often(key: str, text: str, *, theme: str, ref: str, section: str = "Your work") -> Question:
    return Question(
        key=key,
        version=1,
        type=QuestionType.FREQUENCY,
        text=text,
        hint=OFTEN_HINT,
        options=o.FREQUENCY,
        section=section,
        theme=theme,
        ref=ref,
    )


def _about_you(key: str, text: str, options: tuple[Option, ...], *, ref: str) -> Question:
    return Question(
        key=key,
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text=text,
        hint="This question is optional.",
        options=options,
        required=False,
        demographic=True,
        section="About you (optional)",
        ref=ref,
    )


_ABOUT_YOUR_JOB = (
    Question(
        key="employer_type",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="Who do you work for?",
        options=o.EMPLOYER_TYPE,
        section="Your job",
        ref="A1",
    ),
    Question(
        key="main_job",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="What is your main job?",
        options=o.MAIN_JOB,
        section="Your job",
        ref="A2",
    ),
    Question(
        key="tenure",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="How long have you worked for this employer?",
        options=(
            Option("under_1", "Less than 1 year"),
            Option("1_2", "1 to 2 years"),
            Option("3_5", "3 to 5 years"),
            Option("over_5", "More than 5 years"),
        ),
        section="Your job",
        ref="A3",
    ),
    Question(
        key="contract",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="What kind of contract do you have?",
        options=o.CONTRACT,
        section="Your job",
        ref="A4",
    ),
)

_YOUR_WORK = (
    _often("look_forward", "I look forward to going to work", theme="motivation", ref="Q1"),
    _often("enthusiastic", "I am enthusiastic about my job", theme="motivation", ref="Q2"),
    _agree("make_suggestions", "I can make suggestions to improve how we work", theme="involvement", ref="Q3"),
    _agree("pay_fair", "My pay is fair for the work I do", theme="pay", ref="Q4"),
    _agree("shifts_fit", "My shifts or hours fit around my life", theme="working_patterns", ref="Q5"),
    _agree("enough_hours", "I get enough hours of work each week", theme="hours", ref="Q6"),
    _agree("time_to_care", "I have enough time to give people the care they need", theme="workload", ref="Q7"),
    _agree("manager_helps", "My manager (or employer) helps me when I have a problem", theme="management", ref="Q8"),
    _agree("training", "In the last 12 months I had training that helps me do my job well", theme="learning", ref="Q9"),
    _agree("can_progress", "I can see how to move up or develop in social care", theme="progression", ref="Q10"),
    _agree("qualification_help", "I have been helped to get a care qualification", theme="learning", ref="Q11"),
)

_WELLBEING = (
    Question(
        key="stress_unwell",
        version=1,
        type=QuestionType.YES_NO,
        text="In the last 3 months, have you felt unwell because of stress at work?",
        options=o.YES_NO_PREFER_NOT,
        section="Your wellbeing",
        theme="stress",
        ref="Q12",
    ),
    Question(
        key="bullied_by",
        version=1,
        type=QuestionType.MULTIPLE_CHOICE,
        text="In the last 12 months, were you bullied, harassed or abused at work by any of these people?",
        hint="Select all that apply.",
        options=(
            Option("people_supported", "People I support, or their families"),
            Option("colleagues", "Colleagues"),
            Option("managers", "Managers"),
            Option("none", "None of these", exclusive=True),
            o.PREFER_NOT,
        ),
        section="Your wellbeing",
        theme="bullying",
        ref="Q13",
    ),
    _agree(
        "safe_to_speak_up",
        "I feel safe to speak up about poor care or how I am treated",
        theme="voice",
        ref="Q14",
        section="Your wellbeing",
    ),
)

_YOUR_PLANS = (
    _often("think_about_leaving", "I think about leaving this job", theme="morale", ref="Q15", section="Your plans"),
    Question(
        key="next_12_months",
        version=1,
        type=QuestionType.SINGLE_CHOICE,
        text="What do you think you will do in the next 12 months?",
        options=(
            Option("stay", "Stay in this job"),
            Option("care_employer", "Move to another care employer"),
            Option("leave_social_care", "Leave social care"),
            Option("retire", "Retire"),
            Option("dont_know", "I do not know"),
        ),
        section="Your plans",
        ref="Q16",
    ),
    Question(
        key="recommend_employer",
        version=1,
        type=QuestionType.SCALE_0_10,
        text="How likely are you to recommend your employer as a place to work?",
        hint="0 means not at all likely. 10 means extremely likely.",
        section="Your plans",
        theme="advocacy",
        ref="Q17",
    ),
    _agree(
        "happy_with_care",
        "If someone close to me needed care, I would be happy with the care we give",
        theme="advocacy",
        ref="Q18",
        section="Your plans",
    ),
    Question(
        key="stay_change",
        version=1,
        type=QuestionType.FREE_TEXT,
        text="What one change would make you more likely to stay?",
        hint=NO_NAMES_HINT,
        required=False,
        section="Your plans",
        ref="Q19",
    ),
)

_ABOUT_YOU = (
    _about_you("age_band", "What is your age?", o.AGE_BAND, ref="E1"),
    _about_you("sex", "What is your sex?", o.SEX, ref="E2"),
    _about_you("ethnic_group", "What is your ethnic group?", o.ETHNIC_GROUP, ref="E3"),
    _about_you(
        "disability",
        "Do you have a disability or a long-term health condition?",
        o.YES_NO_PREFER_NOT,
        ref="E4",
    ),
)

SATISFACTION_V1 = Questionnaire(
    kind="satisfaction",
    version="1",
    title="Care staff survey",
    questions=(
        *_ABOUT_YOUR_JOB,
        *pa_questions(leaving=False),
        *_YOUR_WORK,
        *_WELLBEING,
        *_YOUR_PLANS,
        *_ABOUT_YOU,
    ),
)

"""Questions for personal assistants (PAs), whose employer is a person, often with no HR (DOMAIN.md 2.5).

They are added to both surveys and shown only when the respondent says they work for a person as their PA
(A1 / X1 = "pa"). A response counts as a PA response only on that self-report.
"""

from __future__ import annotations

from surveys.questionnaires import options as o
from surveys.questionnaires.types import Condition, Option, Question, QuestionType

SECTION = "Working as a PA"
IS_PA = Condition("employer_type", (o.PA_VALUE,))


def pa_questions(*, leaving: bool) -> tuple[Question, ...]:
    """The PA block, in present tense for the satisfaction survey and past tense for the exit survey.

    The exit survey also asks why the job ended and whether notice and final pay were given correctly.
    """

    def ask(
        key: str,
        qtype: QuestionType,
        now: str,
        then: str,
        *,
        options: tuple[Option, ...],
        hint: str = "",
        theme: str = "",
    ) -> Question:
        return Question(
            key=key,
            version=1,
            type=qtype,
            text=then if leaving else now,
            hint=hint,
            options=options,
            show_if=IS_PA,
            section=SECTION,
            theme=theme,
        )

    block = [
        ask(
            "pa_employers",
            QuestionType.SINGLE_CHOICE,
            "How many people do you work for as a PA?",
            "How many people were you working for as a PA?",
            options=(Option("1", "1"), Option("2", "2"), Option("3_plus", "3 or more")),
        ),
        ask(
            "pa_other_work",
            QuestionType.YES_NO,
            "Do you also work for an agency or a care home?",
            "Were you also working for an agency or a care home?",
            options=o.YES_NO,
        ),
        ask(
            "pa_written_terms",
            QuestionType.YES_NO,
            "Do you have a written contract or statement of terms?",
            "Did you have a written contract or statement of terms?",
            options=o.YES_NO_NOT_SURE,
        ),
        ask(
            "pa_payslip",
            QuestionType.YES_NO,
            "Do you get a payslip?",
            "Did you get a payslip?",
            options=o.YES_NO_NOT_SURE,
        ),
        ask(
            "pa_holiday_pay",
            QuestionType.YES_NO,
            "Do you get paid for your holidays?",
            "Did you get paid for your holidays?",
            options=o.YES_NO_NOT_SURE,
        ),
        ask(
            "pa_tasks_clear",
            QuestionType.AGREEMENT,
            "It is clear which tasks are part of my job",
            "It was clear which tasks were part of my job",
            hint="Do you agree or disagree?",
            options=o.AGREEMENT,
            theme="pa_terms",
        ),
        ask(
            "pa_cover",
            QuestionType.AGREEMENT,
            "When I am ill or on holiday, cover is arranged without pressure on me",
            "When I was ill or on holiday, cover was arranged without pressure on me",
            hint="Do you agree or disagree?",
            options=o.AGREEMENT,
            theme="pa_terms",
        ),
        ask(
            "pa_advice",
            QuestionType.YES_NO,
            "Do you know where to get advice as a PA?",
            "Did you know where to get advice as a PA?",
            hint="For example a direct payment support service, a PA network or Skills for Care",
            options=o.YES_NO,
        ),
        ask(
            "pa_isolated",
            QuestionType.FREQUENCY,
            "I feel isolated or unsafe when I work alone",
            "I felt isolated or unsafe when I worked alone",
            hint="How often is this true for you?" if not leaving else "How often was this true for you?",
            options=o.FREQUENCY,
            theme="pa_safety",
        ),
        ask(
            "pa_training_paid",
            QuestionType.SINGLE_CHOICE,
            "Has your employer been able to pay for training?",
            "Was your employer able to pay for training?",
            options=(o.YES, o.NO, Option("not_needed", "I did not need training")),
        ),
    ]
    if leaving:
        block += [
            Question(
                key="pa_end_reason",
                version=1,
                type=QuestionType.SINGLE_CHOICE,
                text="Why did the job end?",
                options=(
                    Option("needs_changed", "The person's needs or budget changed"),
                    Option("moved", "They moved to a care home or hospital"),
                    Option("died", "They died"),
                    Option("disagreed", "We disagreed"),
                    Option("chose_to_leave", "I chose to leave"),
                    Option("other", "Another reason"),
                ),
                show_if=IS_PA,
                section=SECTION,
            ),
            Question(
                key="pa_notice_pay",
                version=1,
                type=QuestionType.YES_NO,
                text="Were you given the right notice and final pay?",
                options=o.YES_NO,
                show_if=IS_PA,
                section=SECTION,
            ),
        ]
    return tuple(block)

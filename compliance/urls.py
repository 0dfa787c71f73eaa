from django.urls import path

from compliance.views import contracts, desk, ladder, organisation, provider, rounds

provider_urlpatterns = [  # mounted under /org/<slug:org>/
    path("compliance/", provider.status, name="status"),
]
council_urlpatterns = [  # mounted under /council/<slug:council>/
    path("compliance/", desk.desk, name="desk"),
    path("compliance/export.xlsx", desk.desk_export, name="desk-export"),
    path("compliance/defaults/", desk.defaults, name="defaults"),
    path("compliance/at-risk-reminders/", desk.at_risk_reminders, name="at-risk-reminders"),
    path("compliance/ladder/", ladder.ladder, name="ladder"),
    path("compliance/ladder-default/", ladder.ladder_default, name="ladder-default"),
    path("compliance/ladder/<slug:step>/", ladder.ladder_step, name="ladder-step"),
    path("contracts/", contracts.contracts, name="contracts"),
    path("contracts/add/", contracts.contract_add, name="contract-add"),
    path("contracts/import/", contracts.register_import, name="contracts-import"),
    path("contracts/<int:contract>/", contracts.contract_detail, name="contract"),
    path("contracts/<int:contract>/change/", contracts.contract_change, name="contract-change"),
    path("contracts/<int:contract>/end/", contracts.contract_end, name="contract-end"),
    path("contracts/<int:contract>/requirements/add/", contracts.requirement_add, name="requirement-add"),
    path("contracts/<int:contract>/requirements/<int:requirement>/", contracts.requirement_change,
         name="requirement-change"),
    path("rounds/<slug:round>/preview/", rounds.round_preview, name="round-preview"),
    path("compliance/organisations/<slug:org>/", organisation.organisation, name="organisation"),
    path("compliance/organisations/<slug:org>/notes/", organisation.entry_add, name="entry-add"),
    path("compliance/organisations/<slug:org>/extensions/", organisation.extension_add, name="extension-add"),
    path("compliance/organisations/<slug:org>/exemptions/", organisation.exemption_add, name="exemption-add"),
    path("compliance/organisations/<slug:org>/notices/", organisation.notice_add, name="notice-add"),
    path("compliance/organisations/<slug:org>/steps/<int:chase>/", organisation.chase_decide, name="decide"),
]
urlpatterns = []  # mounted at the site root

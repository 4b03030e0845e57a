"""The rights app's URLs: data-subject requests and their steps, reports, survey opt-outs."""

from django.urls import path

from klantcontact import converters  # noqa: F401 - registers <id:...>

from . import views

app_name = "rights"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("nieuw/", views.request_create, name="create"),
    path("<id:pk>/", views.request_detail, name="detail"),
    path("<id:pk>/identiteit/", views.request_verify, name="verify"),
    path("<id:pk>/behandelaar/", views.request_assign, name="assign"),
    path("<id:pk>/verlengen/", views.request_extend, name="extend"),
    path("<id:pk>/achterhouden/", views.request_withhold, name="withhold"),
    path("<id:pk>/kopie/", views.request_produce, name="produce"),
    path("<id:pk>/corrigeren/", views.request_rectify, name="rectify"),
    path("<id:pk>/verklaring/", views.request_statement, name="statement"),
    path("<id:pk>/wissen/", views.request_erase, name="erase"),
    path("<id:pk>/beperken/", views.request_restrict, name="restrict"),
    path("<id:pk>/beperking-opheffen/", views.request_lift_restriction, name="lift"),
    path("<id:pk>/bezwaar/", views.request_objection, name="objection"),
    path("<id:pk>/afhandelen/", views.request_complete, name="complete"),
    path("<id:pk>/ingetrokken/", views.request_withdraw, name="withdraw"),
    path("download/<str:token>/", views.export_download, name="download"),
    path("rapportage/", views.management_report, name="report"),
    path("rapportage.csv", views.management_report_csv, name="report_csv"),
    path("persoon/<id:pk>/geen-enquetes/", views.person_survey_opt_out, name="person_opt_out"),
    path("afmelden/<str:token>/", views.survey_opt_out, name="survey_opt_out"),
]

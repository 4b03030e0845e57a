"""Factories for reference data: VERA codes, created on the fly when the
reference data is not loaded."""

from factory.django import DjangoModelFactory

from referencedata.models import CodeList, ReferenceCode


class ReferenceCodeFactory(DjangoModelFactory):
    class Meta:
        model = ReferenceCode
        django_get_or_create = ("code_list", "code")

    code_list = CodeList.RELATION_ROLE
    code = "HUU"
    name = "Huurder"


def channel(code="TEL", name="Telefoon"):
    return ReferenceCodeFactory(code_list=CodeList.CHANNEL, code=code, name=name)

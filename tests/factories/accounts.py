"""Factories for accounts: teams (provisioned with their groups and object
permissions) and users with roles and teams."""

import factory
from django.conf import settings
from factory.django import DjangoModelFactory

from accounts import services
from accounts.models import Team, User


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    code = factory.Sequence(lambda n: f"team-{n}")
    description = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.provision_team(model_class(*args, **kwargs))


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nl")
    password = factory.django.Password(settings.DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            services.assign_role(self, role)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        for team in extracted or ():
            services.add_team_member(team, self)

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        for team in extracted or ():
            services.add_team_member(team, self, leader=True)

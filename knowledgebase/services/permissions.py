"""Who may do what in the knowledge base: read, maintain, publish, handle gaps, see the
dashboard."""

from accounts import roles


def can_read(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.view_article"))


def can_maintain(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.change_article"))


def can_publish(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.publish_article"))


def can_manage_gaps(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("knowledgebase.change_searchgap"))


def can_see_dashboard(user) -> bool:
    return can_maintain(user) or roles.has_role(user, roles.TEAM_LEADER)

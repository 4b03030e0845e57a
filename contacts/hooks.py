"""Where apps above contacts take part in its work without contacts importing them.

``contact_registered`` is sent by the contact form once a contact moment is registered, inside
the same transaction (a receiver that raises undoes the registration): ``contact`` (the
ContactMoment), ``user`` (who registered it) and ``data`` (the form's submitted fields, e.g. the
knowledge-base articles the employee used, which the knowledge base records).
"""

import django.dispatch

contact_registered = django.dispatch.Signal()

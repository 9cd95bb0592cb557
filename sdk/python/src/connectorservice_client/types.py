"""Every message and enum of ``connectorservice.v1``, under one roof.

``from connectorservice_client.types import AuthorizeRequest, Card, Money, PaymentMethod``
"""
from connectorservice.v1.common_pb2 import *  # noqa: F401,F403
from connectorservice.v1.dispute_pb2 import *  # noqa: F401,F403
from connectorservice.v1.errors_pb2 import *  # noqa: F401,F403
from connectorservice.v1.event_pb2 import *  # noqa: F401,F403
from connectorservice.v1.payment_pb2 import *  # noqa: F401,F403
from connectorservice.v1.recurring_pb2 import *  # noqa: F401,F403
from connectorservice.v1.refund_pb2 import *  # noqa: F401,F403

#!/usr/bin/env python3
"""The former name of checkout.py (same options, same output): authorize (manual capture),
partial capture, partial refund, refund status, a read of the payment, and a declined card.

    python examples/payment_lifecycle.py --connector stripe
"""
from checkout import main

if __name__ == "__main__":
    main()

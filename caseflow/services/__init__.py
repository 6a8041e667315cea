"""The only code that changes data: one function per step, taking the actor and the time.

Each function checks, applies the change, writes the audit record and commits once, so a
failed step leaves nothing behind.
"""

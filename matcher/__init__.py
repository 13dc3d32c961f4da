"""matcher: pair mentors with mentees optimally, and explain every pair.

The Python API has the same verbs as the command line (``matcher --help``).
"""

__version__ = "0.1.0"

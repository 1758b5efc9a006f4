"""What talks to the outside world, one module each, optional at run time: the core never
imports it, and a missing library is a message naming the extra to install."""

"""The simulated Leanbot: the real sketch compiled for this computer, in a virtual world."""

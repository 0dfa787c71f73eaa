from config.formats.en_GB.formats import *  # noqa: F403

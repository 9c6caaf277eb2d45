"""``python -m staticsite OUT_DIR``: write the public site (see staticsite.publish)."""

import sys

from staticsite.publish import main

sys.exit(main())

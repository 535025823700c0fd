import sys

if sys.argv[1:2] == ["generate"]:
    from bench.generate import main as generate

    sys.exit(generate(sys.argv[2:]))

from bench.run import main

sys.exit(main())

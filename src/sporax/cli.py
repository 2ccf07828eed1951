"""`sporax`: the demo, running MindSpore scripts, and checkpoint tools."""
from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sporax", description="MindSpore's parameter system on JAX.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="train LeNet-5 on scikit-learn's digits in GRAPH_MODE")
    demo.add_argument("--epochs", type=int, default=12)
    demo.add_argument("--checkpoint", default="lenet_digits.ckpt", help="where to save ('' to skip)")
    demo.add_argument("--pynative", action="store_true", help="run in PYNATIVE_MODE instead")
    run = commands.add_parser("run", help="run a MindSpore script or notebook with sporax serving 'mindspore'",
                              description="Run SCRIPT as `python SCRIPT args` would, with `import mindspore` "
                                          "served by sporax.")
    run.add_argument("--init-generator", metavar="NAME",
                     help="set_context(init_generator=NAME) before the script runs "
                          "('mindspore', 'mindspore-r1.6', 'threefry')")
    run.add_argument("script")
    run.add_argument("args", nargs=argparse.REMAINDER)
    from ._cli import launch
    launch.add_arguments(commands.add_parser("launch", allow_abbrev=False,
                                              help="start a distributed job's workers (msrun's options)"))
    ckpt = commands.add_parser("ckpt", help="inspect or convert checkpoint files")
    ckpt_commands = ckpt.add_subparsers(dest="ckpt_command", required=True)
    inspect = ckpt_commands.add_parser("inspect", help="list a checkpoint's tensors")
    inspect.add_argument("file")
    inspect.add_argument("--stats", action="store_true", help="also show min/max/mean of each tensor")
    inspect.add_argument("--dec-key", help="the key of an encrypted .ckpt (text)")
    inspect.add_argument("--crc-check", action="store_true", help="verify the CRC code")
    convert = ckpt_commands.add_parser("convert", help="convert between .ckpt and .safetensors (by extension)")
    convert.add_argument("source")
    convert.add_argument("destination")
    convert.add_argument("--dec-key", help="the key of an encrypted source .ckpt (text)")
    merge = ckpt_commands.add_parser("merge", help="merge per-rank sliced checkpoints into one whole checkpoint")
    merge.add_argument("rank_files", nargs="+", help="the per-rank files, rank 0 first")
    merge.add_argument("--strategy", required=True, help="the strategy file (JSON) the slices were saved under")
    merge.add_argument("--output", "-o", required=True, help="the merged .ckpt or .safetensors file")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            from . import context
            from ._cli import demo
            accuracy, _ = demo.run(epochs=args.epochs, checkpoint=args.checkpoint,
                                   mode=context.PYNATIVE_MODE if args.pynative else context.GRAPH_MODE)
            return 0 if accuracy >= 0.97 else 1
        if args.command == "run":
            from . import context
            from ._cli import run
            if args.init_generator is not None:
                context.set_context(init_generator=args.init_generator)
            run.check_script(args.script)
            try:
                run.run(args.script, args.args)
            except Exception as error:  # the script's own: Python's traceback and exit status
                run.print_script_error(error)
                return 1
            return 0
        if args.command == "launch":
            from ._cli import launch
            return launch.launch(args)
        if args.command == "ckpt":
            from ._cli import ckpt
            if args.ckpt_command == "merge":
                from .parallel import checkpoint_transform as parallel_checkpoint
                count = parallel_checkpoint.merge_to_file(args.rank_files, args.strategy, args.output)
                print(f"wrote {count} entries to {args.output}")
                return 0
            return ckpt.run(args)
    except (ValueError, TypeError) as error:
        print(f"sporax: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

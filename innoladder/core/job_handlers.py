"""Job handlers of the core app (other apps register theirs in their own job_handlers module)."""

import importlib

from django.apps import apps

from .jobs import JobContext, register


@register("selftest")
def selftest(ctx: JobContext) -> dict:
    """Counts to `n`, reporting progress: used to check that workers run and report."""
    n = int(ctx.params.get("n", 10))
    ctx.set_total(n)
    for i in range(1, n + 1):
        ctx.step(i, f"第 {i}/{n} 步")
    return {"message": f"自检完成，共 {n} 步", "count": n}


def load_all() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("innoladder.") and config.name != "innoladder.core":
            try:
                importlib.import_module(f"{config.name}.job_handlers")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.job_handlers":
                    raise

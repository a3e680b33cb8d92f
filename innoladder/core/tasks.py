from django_tasks import task

from . import jobs


@task()
def run_job(job_id: str) -> None:
    jobs.run(job_id)

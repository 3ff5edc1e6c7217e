"""craftcity enqueue_scheduled frequent|nightly: queue a schedule's jobs for the worker (run by the timers)."""

from django.core.management.base import BaseCommand

from craftcity.core.schedule import SCHEDULES, schedule_enqueue, scheduled


class Command(BaseCommand):
    help = (
        "Queue the jobs of a schedule (open-data dumps, the duplicate search, report reminders every night; "
        "offer expiry and event reminders every few minutes) for the worker, which runs them. A job still "
        "waiting from the last run is not queued twice. With --list, only show what the schedule holds."
    )

    def add_arguments(self, parser):
        parser.add_argument("schedule", choices=SCHEDULES)
        parser.add_argument("--list", action="store_true", dest="show", help="Show the schedule's jobs; queue nothing.")

    def handle(self, *args, schedule: str, show: bool = False, **options):
        if show:
            for task in scheduled(schedule):
                self.stdout.write(task.module_path)
            return
        for task, job_id in schedule_enqueue(schedule=schedule):
            state = f"queued as {job_id}" if job_id else "already waiting"
            self.stdout.write(f"{task.module_path}: {state}")

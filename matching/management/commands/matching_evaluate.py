"""How well does the match score rank? `manage.py matching_evaluate` (docs/matching.md)."""

import statistics
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hkstp_portal.bench import load_average, machine_description
from matching import scoring
from matching.evaluation.datasets import (
    MIXES,
    RESUME_MATCHER_PAIRS,
    onet_set,
    read_occupations,
    resume_matcher_set,
)
from matching.evaluation.metrics import CLOSE
from matching.evaluation.ranking import BASELINES, evaluate

# The resume-matcher sample CVs and job descriptions (Apache-2.0, see its NOTICE).
REAL_PAIRS = Path(settings.BASE_DIR) / "tests" / "fixtures" / "cvs"


class Command(BaseCommand):
    help = (
        "Rank labelled CV and job sets built from O*NET (skills/data) with the portal's own "
        "queries and print NDCG@5, MRR and top-1 beside Jaccard and random (both "
        "directions), the real resume-matcher pairs, and the quality of notifications. "
        "Everything is written in one transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--real", type=Path, default=REAL_PAIRS, help="resume-matcher folder")
        parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
        parser.add_argument("--size", type=int, default=40, help="occupations per set")
        parser.add_argument("--k", type=int, default=5)

    def handle(self, *args, real: Path, seeds, size, k, **options):
        if not (real / "job-descriptions").is_dir():
            raise CommandError(f"No resume-matcher CVs and job descriptions under {real}.")
        self.stdout.write(
            f"{machine_description()}, load {load_average()}; shown from "
            f"{scoring.MATCH_THRESHOLD}, emailed from {scoring.NOTIFY_THRESHOLD}; weights "
            f"{scoring.WEIGHTS}\n"
        )
        occupations = read_occupations()
        for mix in MIXES:
            results = [
                evaluate(onet_set(occupations, seed=seed, size=size, mix=mix), k=k)
                for seed in seeds
            ]
            for direction in ("jobs for a candidate", "candidates for a job"):
                self._table(f"{mix.name} sets, {direction}", results, k)
            self._notifications(results)
        self._real_pairs(evaluate(resume_matcher_set(real), k=k), k)

    def _table(self, title, results, k):
        direction = title.split(", ", 1)[1]
        self.stdout.write(f"{title} (mean over {len(results)} seeds; min–max)")
        columns = (f"NDCG@{k}", f"graded NDCG@{k}", "MRR", "top-1")
        self.stdout.write(f"  {'':10} " + " ".join(f"{column:>18}" for column in columns))
        for name in BASELINES:
            cells = []
            for metric in ("ndcg", "ndcg_graded", "mrr", "top1"):
                values = [result.figures[direction][name][metric] for result in results]
                cells.append(f"{statistics.mean(values):.3f} ({min(values):.2f}–{max(values):.2f})")
            self.stdout.write(f"  {name:10} " + " ".join(f"{cell:>18}" for cell in cells))
        self.stdout.write("")

    def _notifications(self, results):
        """Who a job's publication would email, at thresholds around the one in use:
        precision (the right occupation or a close one) and the recall of right pairs."""
        matched = [pair for result in results for pair in result.matched]
        pairs = sum(result.right_pairs for result in results)
        self.stdout.write("Match emails when the jobs are published, by threshold:")
        self.stdout.write(
            f"  {'threshold':>9} {'emails':>7} {'right or close':>15} {'right':>7}"
            f" {'recall of right pairs':>22}"
        )
        for threshold in range(30, 85, 5):
            sent = [grade for grade, points in matched if points >= threshold * scoring.FULL]
            good = sum(grade >= CLOSE for grade in sent)
            right = sum(grade > CLOSE for grade in sent)
            mark = " ← notify" if threshold == scoring.NOTIFY_THRESHOLD else ""
            mark += " ← shown" if threshold == scoring.MATCH_THRESHOLD else ""
            self.stdout.write(
                f"  {threshold:>9} {len(sent):>7} {good / max(len(sent), 1):>15.1%} "
                f"{right / max(len(sent), 1):>7.1%} {right / max(pairs, 1):>22.1%}{mark}"
            )
        self.stdout.write("")

    def _real_pairs(self, result, k):
        self.stdout.write("resume-matcher CVs against its four job descriptions")
        for cv, job in RESUME_MATCHER_PAIRS.items():
            first = result.first(cv)
            verdict = "first" if first == job else "NOT first"
            shown = ", ".join(
                f"{name.removeprefix('job_desc_').removesuffix('.pdf')} {points / 1000:.1f}"
                for name, points in result.portal_jobs[cv]
            )
            self.stdout.write(f"  {cv} → {job}: {verdict} ({shown})")
        self.stdout.write("")

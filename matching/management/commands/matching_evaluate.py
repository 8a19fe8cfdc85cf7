"""How well does the match score rank? `manage.py matching_evaluate` (docs/matching.md)."""

import statistics
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hkstp_portal.bench import load_average, machine_description
from matching import scoring
from matching.evaluation.datasets import (
    RESUME_MATCHER_PAIRS,
    onet_set,
    read_occupations,
    resume_matcher_set,
)
from matching.evaluation.metrics import CLOSE
from matching.evaluation.ranking import BASELINES, evaluate

DEFAULT_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


class Command(BaseCommand):
    help = (
        "Rank labelled CV and job sets built from ../shared/data with the portal's own "
        "queries and print NDCG@5, MRR and top-1 beside Jaccard and random (both "
        "directions), the real resume-matcher pairs, and the quality of notifications. "
        "Everything is written in one transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
        parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
        parser.add_argument("--size", type=int, default=40, help="occupations per set")
        parser.add_argument("--k", type=int, default=5)

    def handle(self, *args, data: Path, seeds, size, k, **options):
        if not (data / "skills" / "onet_technology_skills.txt").exists():
            raise CommandError(f"No O*NET files under {data} (--data shared/data).")
        self.stdout.write(
            f"{machine_description()}, load {load_average()}; threshold "
            f"{scoring.MATCH_THRESHOLD}, weights {scoring.WEIGHTS}\n"
        )
        occupations = read_occupations(data)
        results = [evaluate(onet_set(occupations, seed=seed, size=size), k=k) for seed in seeds]
        for direction in ("jobs for a candidate", "candidates for a job"):
            self._table(direction, results, k)
        self._notifications(results)
        folder = data / "cvs" / "resume-matcher"
        if folder.exists():
            self._real_pairs(evaluate(resume_matcher_set(folder), k=k), k)

    def _table(self, direction, results, k):
        self.stdout.write(f"O*NET sets, {direction} (mean over {len(results)} seeds; min–max)")
        self.stdout.write(f"  {'':10} {'NDCG@' + str(k):>18} {'MRR':>18} {'top-1':>18}")
        for name in BASELINES:
            cells = []
            for metric in ("ndcg", "mrr", "top1"):
                values = [result.figures[direction][name][metric] for result in results]
                cells.append(f"{statistics.mean(values):.3f} ({min(values):.2f}–{max(values):.2f})")
            self.stdout.write(f"  {name:10} " + " ".join(f"{cell:>18}" for cell in cells))
        self.stdout.write("")

    def _notifications(self, results):
        notified = [grade for result in results for grade in result.notified]
        right = sum(grade > CLOSE for grade in notified)
        close = sum(grade == CLOSE for grade in notified)
        pairs = sum(result.right_pairs for result in results)
        recall = right / max(pairs, 1)
        self.stdout.write(
            f"Notified pairs (a match at threshold {scoring.MATCH_THRESHOLD}): {len(notified)}; "
            f"right occupation {right}, close {close}: precision "
            f"{(right + close) / max(len(notified), 1):.1%} (right only "
            f"{right / max(len(notified), 1):.1%}); recall of right pairs {recall:.1%}"
            "\n"
        )

    def _real_pairs(self, result, k):
        self.stdout.write("resume-matcher CVs against its four job descriptions")
        for cv, job in RESUME_MATCHER_PAIRS.items():
            first = result.portal_first.get(cv)
            verdict = "first" if first == job else f"NOT first (first: {first})"
            self.stdout.write(f"  {cv} → {job}: {verdict}")
        self.stdout.write("")

"""The public programme pages: the list of rounds and one round with its placements."""

from itertools import groupby

from django.http import Http404
from django.shortcuts import render

from hkstp_portal.vocabulary import Cluster
from programmes.selectors import (
    apply_state,
    eligibility_words,
    placement_list_for_programme,
    programme_application_for,
    programme_get_public,
    programme_list_public,
)


def programme_list(request):
    return render(
        request, "programmes/programme_list.html", {"programmes": programme_list_public()}
    )


def programme_detail(request, slug):
    """The round: what it is, who may apply, its windows, its placements by cluster, and
    the apply button in the state that fits the visitor."""
    programme = programme_get_public(slug)
    if programme is None:
        raise Http404
    placements = placement_list_for_programme(programme)
    labels = dict(Cluster.choices)
    clusters = [
        (labels.get(cluster, cluster), list(group))
        for cluster, group in groupby(placements, key=lambda placement: placement.cluster)
    ]
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "clusters": clusters,
            "placement_count": len(placements),
            "places": sum(placement.quota for placement in placements),
            "rules": eligibility_words(programme),
            "state": apply_state(programme),
            "application": programme_application_for(programme, request.user),
        },
    )

"""The network's hierarchy: the network file, the profiles' ``parent``, and every mistake
of the whole tree on its own line naming the file, the key and the slug."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, run_sphinx
from marianne_kit.checklists.profile_files import read_profile_folder
from marianne_kit.network.hierarchy import (
    NetworkFile,
    build_hierarchy,
    parse_network,
    read_network_file,
)
from marianne_kit.network.network import config_problems

NETWORK = """\
name = "Réseau de test"

[group.nouvelle-aquitaine]
name = "Région Nouvelle-Aquitaine"
kind = "region"

[group.gironde]
name = "Gironde"
kind = "departement"
parent = "nouvelle-aquitaine"

[group.landes]
name = "Landes"
kind = "departement"
parent = "nouvelle-aquitaine"
"""


def profile(name: str, parent: str | None) -> str:
    text = f'name = "{name}"\nkind = "prefecture"\nchannels = ["physique"]\nyear = 2026\n'
    return text + (f'parent = "{parent}"\n' if parent is not None else "")


def write_profiles(root: Path, parents: dict[str, str | None]) -> Path:
    folder = root / "checklists"
    folder.mkdir()
    for slug, parent in parents.items():
        (folder / f"{slug}.toml").write_text(profile(slug.title(), parent), encoding="utf-8")
    return folder


def lines_of(tmp_path: Path, parents: dict[str, str | None], network: str) -> list[str]:
    """The problems of the tree, as printed, for these profiles and network file."""
    folder = read_profile_folder(write_profiles(tmp_path, parents), tmp_path)
    assert folder.problems == []
    parsed, problems = parse_network(network, "network.toml")
    assert problems == [], problems
    assert parsed is not None
    hierarchy, problems = build_hierarchy(folder.profiles, parsed)
    assert (hierarchy is None) == bool(problems)
    return [str(problem) for problem in problems]


GOOD_SITES: dict[str, str | None] = {
    "prefecture-gironde": "gironde",
    "sous-prefecture-arcachon": "prefecture-gironde",
    "sous-prefecture-lesparre": "gironde",
    "prefecture-landes": "landes",
    "service-national": None,
}


def test_a_valid_network_gives_the_tree(tmp_path: Path) -> None:
    folder = read_profile_folder(write_profiles(tmp_path, GOOD_SITES), tmp_path)
    network, problems = parse_network(NETWORK, "network.toml")
    assert problems == [] and network is not None
    assert network.name == "Réseau de test"
    assert [(g.slug, g.kind_label, g.parent) for g in network.groups] == [
        ("gironde", "Département", "nouvelle-aquitaine"),
        ("landes", "Département", "nouvelle-aquitaine"),
        ("nouvelle-aquitaine", "Région", ""),
    ]
    hierarchy, problems = build_hierarchy(folder.profiles, network)
    assert problems == [] and hierarchy is not None
    assert hierarchy.children[""] == ("nouvelle-aquitaine", "service-national")
    assert hierarchy.sites_under("nouvelle-aquitaine") == (
        "prefecture-gironde", "prefecture-landes", "sous-prefecture-arcachon",
        "sous-prefecture-lesparre",
    )  # fmt: skip
    # A site with members counts itself among the sites of its figures.
    assert hierarchy.sites_under("prefecture-gironde") == (
        "prefecture-gironde",
        "sous-prefecture-arcachon",
    )
    assert hierarchy.sites_under("landes") == ("prefecture-landes",)
    assert len(hierarchy.sites_under("")) == 5
    # Children before parents, the whole network last; sites without members are no unit.
    assert hierarchy.units() == (
        "prefecture-gironde", "gironde", "landes", "nouvelle-aquitaine", "",
    )  # fmt: skip
    assert hierarchy.name("") == "Réseau de test"
    assert hierarchy.name("landes") == "Landes"
    assert hierarchy.name("prefecture-landes") == "Prefecture-Landes"


def test_unknown_parents_are_named_with_file_key_and_slug(tmp_path: Path) -> None:
    sites = dict(GOOD_SITES, **{"prefecture-landes": "landes-typo"})
    network = NETWORK.replace('parent = "nouvelle-aquitaine"\n\n[group.landes]',
                              'parent = "aquitaine"\n\n[group.landes]')  # fmt: skip
    assert lines_of(tmp_path, sites, network) == [
        "checklists/prefecture-landes.toml:5: key 'parent': site 'prefecture-landes': unknown "
        "parent 'landes-typo': no site profile and no group of network.toml has this slug",
        "network.toml:10: key 'group.gironde.parent': group 'gironde': unknown parent "
        "'aquitaine': no site profile and no group of network.toml has this slug",
        # Landes lost its only member: reported in the same run.
        "network.toml:12: key 'group.landes': group 'landes' has no member: no site profile "
        "and no group names it as 'parent'",
    ]


def test_cycles_name_the_whole_cycle_at_each_link(tmp_path: Path) -> None:
    network = NETWORK.replace('kind = "region"\n', 'kind = "region"\nparent = "gironde"\n')
    sites = dict(GOOD_SITES, **{"service-national": "service-national"})
    cycle = "gironde → nouvelle-aquitaine → gironde"
    assert lines_of(tmp_path, sites, network) == [
        "checklists/service-national.toml:5: key 'parent': site 'service-national': parent "
        "'service-national' closes a cycle: service-national → service-national",
        "network.toml:6: key 'group.nouvelle-aquitaine.parent': group 'nouvelle-aquitaine': a "
        "group of kind 'region' cannot sit inside 'gironde', of kind 'departement' (a "
        "département sits inside a region)",
        f"network.toml:6: key 'group.nouvelle-aquitaine.parent': group 'nouvelle-aquitaine': "
        f"parent 'gironde' closes a cycle: {cycle}",
        f"network.toml:11: key 'group.gironde.parent': group 'gironde': parent "
        f"'nouvelle-aquitaine' closes a cycle: {cycle}",
    ]


def test_a_longer_cycle_through_sites_and_groups(tmp_path: Path) -> None:
    network = '[group.a]\nname = "A"\nparent = "site-c"\n\n[group.b]\nname = "B"\nparent = "a"\n'
    lines = lines_of(tmp_path, {"site-c": "b"}, network)
    cycle = "a → site-c → b → a"
    assert lines == [
        f"checklists/site-c.toml:5: key 'parent': site 'site-c': parent 'b' closes a cycle: "
        f"{cycle}",
        f"network.toml:3: key 'group.a.parent': group 'a': parent 'site-c' closes a cycle: {cycle}",
        "network.toml:3: key 'group.a.parent': group 'a': parent 'site-c' is not a group of "
        "this file: a group sits under a group, a site may sit under a site",
        f"network.toml:7: key 'group.b.parent': group 'b': parent 'a' closes a cycle: {cycle}",
    ]


def test_group_with_a_sites_slug_and_empty_group(tmp_path: Path) -> None:
    network = NETWORK + '\n[group.service-national]\nname = "Doublon"\n\n[group.vide]\nname = "V"\n'
    assert lines_of(tmp_path, GOOD_SITES, network) == [
        "network.toml:17: key 'group.service-national': group 'service-national' has no "
        "member: no site profile and no group names it as 'parent'",
        "network.toml:17: key 'group.service-national': group 'service-national' has the slug "
        "of the site checklists/service-national.toml: a slug names one site or one group",
        "network.toml:20: key 'group.vide': group 'vide' has no member: no site profile and no "
        "group names it as 'parent'",
    ]


def test_the_whole_networks_page_slug_is_reserved(tmp_path: Path) -> None:
    """« ensemble » is the whole network's page (reseau/ensemble.html): no group or site
    may take it, or its page would overwrite the network's."""
    network = NETWORK + '\n[group.ensemble]\nname = "Ensemble"\nparent = "nouvelle-aquitaine"\n'
    sites = dict(GOOD_SITES, **{"service-national": "ensemble", "ensemble": "landes"})
    reserved = "the slug 'ensemble' is reserved: reseau/ensemble.html is the whole network's page"
    assert lines_of(tmp_path, sites, network) == [
        f"checklists/ensemble.toml: site 'ensemble': {reserved}",
        "network.toml:17: key 'group.ensemble': group 'ensemble' has the slug of the site "
        "checklists/ensemble.toml: a slug names one site or one group",
        f"network.toml:17: key 'group.ensemble': group 'ensemble': {reserved}",
    ]


BAD_NETWORK_FILES = {
    "invalid-toml": (
        '[group.a]\nname = "A\n',
        ["network.toml:2: invalid TOML: Illegal character '\\n' (at line 2, column 10)"],
    ),
    "fields": (
        'nom = "Réseau"\n[group.a]\nname = ""\nkind = "pays"\nparent = "Gironde"\ncolor = 1\n',
        [
            "network.toml:1: key 'nom': unknown key (allowed: name, group)",
            "network.toml:3: key 'group.a.name': group 'a': missing or empty: the group's "
            "name, shown on its pages (required)",
            "network.toml:4: key 'group.a.kind': group 'a': unknown kind 'pays' (expected one "
            "of: region, departement, groupement)",
            "network.toml:5: key 'group.a.parent': group 'a': 'Gironde' is not a slug: name a "
            "group of this file or a site's profile",
            "network.toml:6: key 'group.a.color': group 'a': unknown key (allowed: name, kind, "
            "parent)",
        ],
    ),
    "slug-and-shape": (
        '[group.Gironde]\nname = "G"\n[group]\nb = 3\n',
        [
            "network.toml: key 'group.b': group 'b' must be a table with name, kind and parent",
            "network.toml:1: key 'group.Gironde': 'Gironde' is not a slug (lower-case "
            "letters, digits and hyphens)",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_NETWORK_FILES))
def test_bad_network_files_name_file_line_and_key(case: str) -> None:
    text, expected = BAD_NETWORK_FILES[case]
    network, problems = parse_network(text, "network.toml")
    assert network is None
    assert [str(problem) for problem in problems] == expected


def test_missing_file_is_a_network_without_groups_and_bad_bytes_are_named(
    tmp_path: Path,
) -> None:
    network, problems = read_network_file(tmp_path / "network.toml", "network.toml")
    assert (network, problems) == (NetworkFile("network.toml"), [])
    (tmp_path / "network.toml").write_bytes(b'[group.a]\nname = "Ard\xe8che"\n')
    _, problems = read_network_file(tmp_path / "network.toml", "network.toml")
    assert [str(p) for p in problems] == ["network.toml: not UTF-8 text; save it as UTF-8"]


def test_model_profiles_are_not_sites_and_groups_nest_by_kind(tmp_path: Path) -> None:
    """A model checklist belongs to no group and holds no site; a département holds no
    region; a group sits under a group, never under a site."""
    sites: dict[str, str | None] = dict(GOOD_SITES, **{"prefecture-landes": "modele-national"})
    folder = write_profiles(tmp_path, sites)
    model = 'name = "Modèle"\nkind = "modele"\nchannels = ["physique"]\nyear = 2026\n'
    (folder / "modele-national.toml").write_text(model + 'parent = "gironde"\n', "utf-8")
    network = NETWORK.replace('kind = "departement"\nparent = "nouvelle-aquitaine"\n\n'
                              '[group.landes]', 'kind = "departement"\nparent = "landes"\n\n'
                              '[group.landes]')  # fmt: skip
    network += '\n[group.cellule]\nname = "Cellule"\nparent = "service-national"\n'
    network += '\n[group.bordeaux]\nname = "B"\nkind = "region"\nparent = "gironde"\n'
    profiles = read_profile_folder(folder, tmp_path)
    assert profiles.problems == []
    parsed, problems = parse_network(network, "network.toml")
    assert parsed is not None and problems == []
    hierarchy, problems = build_hierarchy(profiles.profiles, parsed)
    assert hierarchy is None
    assert [str(problem) for problem in problems] == [
        "checklists/modele-national.toml:5: key 'parent': site 'modele-national': a model "
        "checklist (kind 'modele') is not a site: it belongs to no group, remove 'parent'",
        "checklists/prefecture-landes.toml:5: key 'parent': site 'prefecture-landes': parent "
        "'modele-national' is a model checklist (checklists/modele-national.toml), not a site",
        "network.toml:10: key 'group.gironde.parent': group 'gironde': a group of kind "
        "'departement' cannot sit inside 'landes', of kind 'departement' (a département sits "
        "inside a region)",
        # Empty groups are reported too: nobody may name them as parent.
        "network.toml:17: key 'group.cellule': group 'cellule' has no member: no site profile "
        "and no group names it as 'parent'",
        "network.toml:19: key 'group.cellule.parent': group 'cellule': parent "
        "'service-national' is not a group of this file: a group sits under a group, a site may "
        "sit under a site",
        "network.toml:21: key 'group.bordeaux': group 'bordeaux' has no member: no site "
        "profile and no group names it as 'parent'",
        "network.toml:24: key 'group.bordeaux.parent': group 'bordeaux': a group of kind "
        "'region' cannot sit inside 'gironde', of kind 'departement' (a département sits "
        "inside a region)",
    ]
    # Without the mistakes, the model is in no group's sites.
    (folder / "modele-national.toml").write_text(model, "utf-8")
    (tmp_path / "ok").mkdir()
    folder_ok = read_profile_folder(write_profiles(tmp_path / "ok", GOOD_SITES), tmp_path / "ok")
    model_profile = read_profile_folder(folder, tmp_path).profiles
    parsed_ok, _ = parse_network(NETWORK, "network.toml")
    assert parsed_ok is not None
    with_model = [*folder_ok.profiles, *(p for p in model_profile if p.kind == "modele")]
    hierarchy, problems = build_hierarchy(with_model, parsed_ok)
    assert problems == [] and hierarchy is not None
    assert "modele-national" not in hierarchy.sites_under("")
    assert len(hierarchy.sites_under("")) == 5


def test_profile_parent_must_be_a_slug(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "site-a.toml").write_text(profile("A", "Gironde (33)"), encoding="utf-8")
    result = read_profile_folder(folder, tmp_path)
    assert [str(problem) for problem in result.problems] == [
        "checklists/site-a.toml:5: key 'parent': 'Gironde (33)' is not a slug (lower-case "
        "letters, digits and hyphens, e.g. 'gironde'): name a site's profile file or a group "
        "of the network file"
    ]


def test_config_values_are_checked() -> None:
    assert config_problems("network.toml", 2) == []
    assert config_problems("reseau/groupes.toml", 5) == []
    lines = [str(p) for p in config_problems("", 1)] + [str(p) for p in config_problems(3, True)]
    minimum = (
        "expected a whole number of sites, at least 2 (a figure over one site is that "
        "site's answers)"
    )
    assert lines == [
        "conf.py: key 'marianne_network_file': '' is not a file name such as 'network.toml'",
        f"conf.py: key 'marianne_network_minimum': 1: {minimum}",
        "conf.py: key 'marianne_network_file': 3 is not a file name such as 'network.toml'",
        f"conf.py: key 'marianne_network_minimum': True: {minimum}",
    ]


def test_a_bad_hierarchy_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    import shutil

    target = tmp_path / "results-kit"
    shutil.copytree(ROOTS / "results-kit", target)
    site_a = target / "checklists" / "site-a.toml"
    site_a.write_text(site_a.read_text(encoding="utf-8") + 'parent = "nulle-part"\n',
                      encoding="utf-8")  # fmt: skip
    (target / "network.toml").write_text('[group.vide]\nname = "Vide"\n', encoding="utf-8")
    result = run_sphinx(target, target, target / "_build" / "html")
    assert result.status == 1
    assert "Build stopped: 2 problems in the network" in result.stopped
    lines = result.warning_lines()
    line = len(site_a.read_text(encoding="utf-8").splitlines())
    assert (
        f"checklists/site-a.toml:{line}: ERROR: key 'parent': site 'site-a': unknown parent "
        "'nulle-part': no site profile and no group of network.toml has this slug "
        "[marianne.network]" in lines
    )
    assert (
        "network.toml:1: ERROR: key 'group.vide': group 'vide' has no member: no site profile "
        "and no group names it as 'parent' [marianne.network]" in lines
    )
    assert not (target / "_build" / "html" / "index.html").exists()


def test_a_model_profiles_results_count_in_no_figure(tmp_path: Path) -> None:
    """A referent may import a test fill of the common list: the build goes on, and the
    network's figures stay those of its sites."""
    target = tmp_path / "network-kit"
    shutil.copytree(ROOTS / "network-kit", target)
    model = 'name = "Modèle"\nkind = "modele"\nchannels = ["physique"]\nyear = 2026\n'
    (target / "checklists" / "modele.toml").write_text(model, encoding="utf-8")
    landes = target / "results" / "prefecture-landes" / "2026.toml"
    (target / "results" / "modele").mkdir()
    (target / "results" / "modele" / "2026.toml").write_text(
        landes.read_text(encoding="utf-8").replace('"prefecture-landes"', '"modele"'), "utf-8"
    )
    result = run_sphinx(target, target, target / "_build" / "html")
    assert result.status == 0 and result.warning_lines() == []
    transmission = (result.outdir / "reseau" / "ensemble-transmission.csv").read_text("utf-8")
    assert "2026;7;6;86" in transmission  # 7 sites, the model not among them
    assert not (result.outdir / "reseau" / "modele.html").exists()

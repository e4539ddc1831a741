#!/usr/bin/env python3
"""Writes demo/kurultai-acts.jsonl: a small, invented Kurultai register for the demo.

The register opens with the election of the 2026 Kurultai (six invented lists, five pass 5 % of
the votes plus "against all"), seats the 145 deputies, elects the Chair, sets deputy chairs and
committees, consents to a Prime Minister, refuses two Vice-President candidates (which gives the
President the power to dissolve the chamber) and then consents to a third, appoints members of
the People's Council, and follows three bills: the People's Council's bill on the national
archival fund through three readings, adoption, return by the President, override and signature;
a Government priority bill in its readings; a deputy's bill that is rejected. A deputy leaves the
party of their list and loses the seat; the next candidate takes it.

All parties, people and results are invented. Standard library only; the output is
deterministic. Load it with:

    build/bin/mura kurultai append --repo DIR demo/kurultai-acts.jsonl
"""

import json
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent

PARTIES = [  # (name, votes, colour), in list-registration order
    ("Alatau", 3_150_000, "#1f77b4"),
    ("Ertis", 1_420_000, "#2ca02c"),
    ("Saryarqa", 980_000, "#ff7f0e"),
    ("Oqjetpes", 760_000, "#9467bd"),
    ("Jaiyq", 540_000, "#d62728"),
    ("Kokshe", 290_000, "#8c564b"),
]
AGAINST_ALL = 380_000
SEATS = 145
THRESHOLD = Fraction(5, 100)

GIVEN_F = ["Aigerim", "Dana", "Gulnar", "Saule", "Madina", "Aruzhan", "Zhanar", "Aliya",
           "Botagoz", "Kamila", "Asel", "Dinara"]
GIVEN_M = ["Nurlan", "Yerlan", "Daniyar", "Askar", "Serik", "Bauyrzhan", "Timur", "Arman",
           "Marat", "Zhandos", "Olzhas", "Yerzhan"]
FAMILY = ["Abenov", "Baimukhanov", "Duisenov", "Zhaksylykov", "Iskakov", "Kassymov",
          "Mukanov", "Nurpeisov", "Omarov", "Sadykov", "Tokhtarov", "Utepov", "Yesenov"]


def hare(parties, against_all, seats, threshold):
    base = sum(votes for _, votes, _ in parties) + against_all
    passing = [(name, votes) for name, votes, _ in parties if votes >= threshold * base]
    quota = Fraction(sum(votes for _, votes in passing), seats)
    whole = {name: int(votes // quota) for name, votes in passing}
    remainders = sorted(((Fraction(votes) - whole[name] * quota, -index, name)
                         for index, (name, votes) in enumerate(passing)), reverse=True)
    for _, _, name in remainders[:seats - sum(whole.values())]:
        whole[name] += 1
    return whole


def person(index):
    """A distinct invented name for deputy number `index` (0-based)."""
    female = index % 2 == 0
    given = (GIVEN_F if female else GIVEN_M)[(index // 2) % 12]
    family = FAMILY[(index // 24 + index) % len(FAMILY)]
    return f"{given} {family + 'a' if female else family}"


def main():
    acts = []
    seats = hare(PARTIES, AGAINST_ALL, SEATS, THRESHOLD)
    acts.append({"type": "election_certified", "date": "2026-08-20", "election": "kurultai",
                 "votes": [{"party": n, "votes": v, "colour": c} for n, v, c in PARTIES],
                 "against_all": AGAINST_ALL, "seats": seats,
                 "reference": "Central Election Commission resolution 12/2026 (invented)"})
    deputies = []  # (person, party) in seating order
    names = iter(person(i) for i in range(400))
    used = set()
    reserve = {}
    for name, _, _ in PARTIES:
        if name not in seats:
            continue
        for _ in range(seats[name]):
            deputy = next(names)
            while deputy in used:
                deputy = next(names)
            used.add(deputy)
            deputies.append((deputy, name))
        reserve[name] = next(names)
        used.add(reserve[name])
    for deputy, party in deputies:
        acts.append({"type": "deputy_seated", "date": "2026-08-25", "person": deputy,
                     "party": party})
    seated = sorted(deputy for deputy, _ in deputies)

    def roll_call(yes, no, abstain=0):
        calls = {}
        for i, deputy in enumerate(seated):
            calls[deputy] = ("yes" if i < yes else "no" if i < yes + no
                             else "abstain" if i < yes + no + abstain else "absent")
        return {"roll_call": calls}

    chair = deputies[0][0]
    acts.append({"type": "election_certified", "date": "2026-08-26", "election": "presidential",
                 "winner": "Qasym Ardakov", "held_on": "2026-08-23"})
    acts.append({"type": "chair_elected", "date": "2026-08-27", "person": chair,
                 "vote": {"yes": 121, "no": 16, "abstain": 4}, "result": "passed"})
    acts.append({"type": "deputy_chairs_set", "date": "2026-08-28",
                 "persons": [deputies[1][0], deputies[100][0], deputies[125][0]]})
    committees = [("legislation", "Legislation and Judicial Reform"),
                  ("budget", "Finance and Budget"), ("economy", "Economic Reform"),
                  ("social", "Social and Cultural Development"),
                  ("international", "International Affairs, Defence and Security"),
                  ("agrarian", "Agrarian Affairs"), ("ecology", "Ecology and Natural Resources"),
                  ("digital", "Digital Development and Archives")]
    acts.append({"type": "committees_set", "date": "2026-08-28",
                 "committees": [{"id": cid, "name": name,
                                 "members": [deputies[(i * 17 + j) % len(deputies)][0]
                                             for j in range(5)]}
                                for i, (cid, name) in enumerate(committees)]})
    acts.append({"type": "appointment_proposed", "date": "2026-08-29",
                 "office": "prime_minister", "person": "Olzhas Bektenov-Sadyq"})
    acts.append({"type": "appointment_consented", "date": "2026-09-01",
                 "office": "prime_minister", "person": "Olzhas Bektenov-Sadyq",
                 "vote": roll_call(101, 30, 4)})
    for proposed, decided, candidate in (("2026-09-02", "2026-09-04", "Marat Zhumabekov"),
                                          ("2026-09-07", "2026-09-09", "Gulnar Sembayeva")):
        acts.append({"type": "appointment_proposed", "date": proposed,
                     "office": "vice_president", "person": candidate})
        acts.append({"type": "appointment_refused", "date": decided,
                     "office": "vice_president", "person": candidate,
                     "vote": roll_call(58, 80, 5)})
    acts.append({"type": "appointment_proposed", "date": "2026-09-14",
                 "office": "vice_president", "person": "Saule Temirbayeva"})
    acts.append({"type": "appointment_consented", "date": "2026-09-16",
                 "office": "vice_president", "person": "Saule Temirbayeva",
                 "vote": roll_call(96, 40, 3)})
    for i, (member, block) in enumerate((("Aliya Kunanbayeva", "ethno_cultural"),
                                         ("Arman Sultanov", "public_organisations"),
                                         ("Zhanar Omarova", "maslikhats"))):
        acts.append({"type": "peoples_council_member_appointed", "date": "2026-09-01",
                     "person": member, "block": block})

    b1_kk = ("1-бап. Ұлттық мұрағат қоры мемлекеттің, қоғамның және әрбір азаматтың "
             "тарихи мұрасы болып табылады.\n"
             "2-бап. Мұрағат құжаттарына қол жеткізу ашық; шектеулерді тек заң белгілейді.\n"
             "3-бап. Цифрлық мұрағат түпнұсқалармен бірдей сақталады.")
    b1_ru = ("Статья 1. Национальный архивный фонд является историческим достоянием "
             "государства, общества и каждого гражданина.\n"
             "Статья 2. Доступ к архивным документам открыт; ограничения устанавливаются "
             "только законом.\n"
             "Статья 3. Цифровой архив хранится наравне с подлинниками.")
    acts.append({"type": "bill_introduced", "date": "2026-09-03", "bill": "B-1",
                 "title": "On the National Archival Fund and Archives",
                 "titles": {"kk": "Ұлттық мұрағат қоры және мұрағаттар туралы",
                            "ru": "О Национальном архивном фонде и архивах",
                            "en": "On the National Archival Fund and Archives"},
                 "initiator": "peoples_council", "text": {"kk": b1_kk, "ru": b1_ru}})
    acts.append({"type": "reading_held", "date": "2026-09-10", "bill": "B-1", "reading": 1,
                 "vote": roll_call(112, 20, 6), "result": "passed"})
    acts.append({"type": "amendment_tabled", "date": "2026-09-15", "bill": "B-1",
                 "amendment": "A-1", "by": deputies[40][0],
                 "text": "Article 2: museums' archives are open on the same terms"})
    acts.append({"type": "amendment_adopted", "date": "2026-09-22", "bill": "B-1",
                 "amendment": "A-1", "vote": roll_call(95, 35, 5)})
    acts.append({"type": "reading_held", "date": "2026-09-24", "bill": "B-1", "reading": 2,
                 "vote": roll_call(104, 30, 4), "result": "passed",
                 "text": {"kk": b1_kk.replace("қол жеткізу ашық",
                                              "және музей мұрағаттарына қол жеткізу ашық"),
                          "ru": b1_ru.replace("архивным документам",
                                              "архивным документам и архивам музеев")}})
    acts.append({"type": "bill_introduced", "date": "2026-09-28", "bill": "B-2",
                 "title": "On Museums and Museum Activity",
                 "titles": {"kk": "Музейлер және музей қызметі туралы",
                            "ru": "О музеях и музейной деятельности"},
                 "initiator": "government",
                 "text": {"kk": "1-бап. Музей қоры мемлекеттің қорғауында.",
                          "ru": "Статья 1. Музейный фонд находится под охраной государства."}})
    acts.append({"type": "reading_held", "date": "2026-10-01", "bill": "B-1", "reading": 3,
                 "vote": roll_call(108, 28, 3), "result": "passed"})
    acts.append({"type": "bill_adopted", "date": "2026-10-01", "bill": "B-1"})
    acts.append({"type": "bill_priority_declared", "date": "2026-10-05", "bill": "B-2"})
    acts.append({"type": "law_sent", "date": "2026-10-08", "bill": "B-1"})
    acts.append({"type": "reading_held", "date": "2026-10-14", "bill": "B-2", "reading": 1,
                 "vote": roll_call(99, 35, 2), "result": "passed"})
    leaver, party = deputies[120]
    acts.append({"type": "party_left", "date": "2026-10-15", "person": leaver, "party": party})
    acts.append({"type": "law_returned", "date": "2026-10-20", "bill": "B-1",
                 "objections": "Article 3 should name the body that certifies digital copies"})
    acts.append({"type": "deputy_seated", "date": "2026-10-22", "person": reserve[party],
                 "party": party})
    seated = sorted((set(seated) - {leaver}) | {reserve[party]})
    acts.append({"type": "bill_introduced", "date": "2026-10-26", "bill": "D-1",
                 "title": "On the Deputies' Allowances",
                 "titles": {"kk": "Депутаттардың үстемеақылары туралы",
                            "ru": "О надбавках депутатам"},
                 "initiator": "deputy", "sponsor": deputies[60][0]})
    acts.append({"type": "override_vote", "date": "2026-11-03", "bill": "B-1",
                 "vote": roll_call(100, 38, 2), "result": "passed"})
    acts.append({"type": "bill_rejected", "date": "2026-11-05", "bill": "D-1",
                 "vote": roll_call(118, 12, 3)})
    acts.append({"type": "law_signed", "date": "2026-11-10", "bill": "B-1", "number": "1-VIII",
                 "in_force": "2026-11-21"})

    acts.sort(key=lambda act: act["date"])  # the register is kept in date order (stable sort)
    out = HERE / "kurultai-acts.jsonl"
    with out.open("w", encoding="utf-8") as file:
        for act in acts:
            file.write(json.dumps(act, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{out}: {len(acts)} acts")


if __name__ == "__main__":
    main()

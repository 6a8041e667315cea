"""Synthetic children's names in Malaysia's three largest naming traditions, drawn so that
some repeat as often as common names do: what the possible-duplicates lookup meets at scale.
Synthetic: given names, fathers' names and surnames are drawn independently from lists of
common ones."""

import random
from functools import cache

from caseflow.domain.names import name_key


def words(text: str) -> list[str]:
    return text.split()


MALAY = words(
    "Aisyah Hidayah Aina Farah Nabila Syafiqah Amira Aqilah Husna Izzati Faiz Haziq "
    "Irfan Danial Hakim Aiman Arif Firdaus Hafiz Syahmi Zulaikha Balqis Qistina Adam "
    "Luqman Rayyan"
)
PREFIXES = ["Nur", "Nurul", "Siti", "Muhammad", "Mohd", "Ahmad", "", "", ""]
FATHERS = words(
    "Ahmad Ali Osman Yusof Ismail Hassan Razak Rahman Zainal Kamal Rosli Hamid Salleh "
    "Aziz Jamal Karim"
)
SYLLABLES = words(
    "Mei Ling Wei Jie Xin Yi Hui Jun Kai Hao Yu Zhi Qi Wen Jia Min Shu Ting Yan Zi "
    "Xuan En Le Rui Siew Kok Boon Chee Hong Sheng"
)
SURNAMES = words("Tan Lim Lee Ng Wong Chan Ong Teo Goh Chua Koh Lau Yeo Ho Chong Leong")
INDIAN = words(
    "Kavitha Priya Deepa Sangeetha Meena Lakshmi Arjun Ravi Suresh Ganesh Vikram "
    "Kumar Divya Anand Harish Nisha Kishen Tharshini Yuvaraj Pavithra Dinesh Shalini "
    "Thivya Karthik Logesh Revathi Sharmila Vishnu Mogan Janani Keerthana Naveen"
)
INDIAN_FATHERS = words("Muthu Rajan Subramaniam Krishnan Gopal Ramasamy Maniam")


def child_name(rng: random.Random) -> tuple[str, str]:
    kind = rng.random()
    if kind < 0.6:
        own = f"{rng.choice(PREFIXES)} {rng.choice(MALAY)} {rng.choice(MALAY)}".strip()
        return own, f"{rng.choice(['bin', 'binti'])} {rng.choice(FATHERS)}"
    if kind < 0.85:
        return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}", rng.choice(SURNAMES)
    own = rng.choice(INDIAN) + (f" {rng.choice(INDIAN)}" if rng.random() < 0.7 else "")
    return own, f"{rng.choice(['a/l', 'a/p'])} {rng.choice(INDIAN_FATHERS)}"


@cache
def key_of(given: str, family: str) -> str:
    """The lookup key of a name, worked out once per name: a million children share about
    175,000 names."""
    return name_key(given, family)

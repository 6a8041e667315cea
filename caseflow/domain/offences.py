"""The offence sections a case may cite: the Sexual Offences against Children Act 2017 [Act 792]
as amended by Act A1687 (2023), and the Penal Code [Act 574] offences used for child victims.

Titles are the Acts' shoulder notes (English text of Act 792 and A1687 s.14; see
docs/glossary.md for each source). A Malay title marked `verified=False` is Caseflow's
translation, not yet checked against the Malay text of the Act: the glossary says so.
"""
# ruff: noqa: E501  (a table of the Acts' titles: one title a line reads best)

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    en: str
    ms: str
    verified: bool = False  # the Malay title checked against a published Malay source
    deleted: bool = False  # no longer an offence; kept so older cases still read and count

    def title(self, language: str) -> str:
        return self.ms if language == "ms" else self.en


#: Act 792 as amended by A1687 (which replaced the Act's former term with "child sexual abuse
#: material", deleted s.15(b) and inserted ss.15A and 15B). Order as in the Act.
SOCA_SECTIONS: dict[str, Section] = {
    "5": Section(
        "Making, producing, directing the making or production of, etc., child sexual abuse material",
        "Membuat, menghasilkan, mengarahkan pembuatan atau penghasilan, dsb., bahan penganiayaan seksual kanak-kanak",
    ),
    "6": Section(
        "Making preparation to make, produce or direct the making or production of child sexual abuse material",
        "Membuat persediaan untuk membuat, menghasilkan atau mengarahkan pembuatan atau penghasilan bahan penganiayaan seksual kanak-kanak",
    ),
    "7": Section(
        "Using a child in making, producing, directing the making or production of, etc., child sexual abuse material",
        "Menggunakan kanak-kanak dalam membuat, menghasilkan, dsb., bahan penganiayaan seksual kanak-kanak",
    ),
    "8": Section(
        "Exchanging, publishing, etc., child sexual abuse material",
        "Bertukar, menerbitkan, dsb., bahan penganiayaan seksual kanak-kanak",
    ),
    "9": Section(
        "Selling, etc., child sexual abuse material to a child",
        "Menjual, dsb., bahan penganiayaan seksual kanak-kanak kepada kanak-kanak",
    ),
    "10": Section(
        "Accessing, etc., child sexual abuse material",
        "Mengakses, dsb., bahan penganiayaan seksual kanak-kanak",
    ),
    "11": Section(
        "Sexually communicating with a child", "Berkomunikasi secara seksual dengan kanak-kanak"
    ),
    "12": Section("Child grooming", "Pengantunan kanak-kanak", verified=True),
    "13": Section("Meeting following child grooming", "Bertemu berikutan pengantunan kanak-kanak"),
    "14": Section(
        "Physical sexual assault on a child", "Serangan seksual fizikal terhadap kanak-kanak"
    ),
    "15": Section(
        "Non-physical sexual assault on a child",
        "Serangan seksual bukan fizikal terhadap kanak-kanak",
    ),
    "15(b)": Section(
        "Non-physical sexual assault on a child, paragraph (b) (deleted by Act A1687)",
        "Serangan seksual bukan fizikal terhadap kanak-kanak, perenggan (b) (dipotong oleh Akta A1687)",
        deleted=True,
    ),
    "15A": Section(
        "Sexual performance by a child", "Persembahan seksual oleh kanak-kanak", verified=True
    ),
    "15B": Section("Sexual extortion", "Pemerasan seksual", verified=True),
    "16": Section("Person in a relationship of trust", "Orang dalam hubungan amanah"),
}

#: Penal Code [Act 574] sections police statistics and the seeds use for child victims.
PENAL_CODE_SECTIONS: dict[str, Section] = {
    "354": Section(
        "Assault or use of criminal force to a person with intent to outrage modesty",
        "Serangan atau kekerasan jenayah dengan niat hendak mencabul kehormatan",
    ),
    "375": Section("Rape", "Rogol"),
    "376": Section("Punishment for rape", "Hukuman bagi rogol"),
    "376A": Section("Incest", "Sumbang mahram"),
    "376B": Section("Punishment for incest", "Hukuman bagi sumbang mahram"),
    "377A": Section(
        "Carnal intercourse against the order of nature",
        "Persetubuhan bertentangan dengan aturan tabii",
    ),
    "377B": Section(
        "Punishment for committing carnal intercourse against the order of nature",
        "Hukuman kerana melakukan persetubuhan bertentangan dengan aturan tabii",
    ),
    "377C": Section(
        "Committing carnal intercourse against the order of nature without consent, etc.",
        "Melakukan persetubuhan bertentangan dengan aturan tabii tanpa kerelaan, dsb.",
    ),
    "377CA": Section("Sexual connection by object", "Hubungan seks dengan objek"),
    "377D": Section("Outrages on decency", "Kelakuan sumbang melampau"),
    "377E": Section(
        "Inciting a child to an act of gross indecency",
        "Menghasut kanak-kanak kepada perbuatan melampau sumbang",
    ),
}


def offered(sections: dict[str, Section]) -> dict[str, Section]:
    """What a new case may choose: deleted paragraphs stay valid on older records only."""
    return {key: s for key, s in sections.items() if not s.deleted}


def citation(act: str, key: str) -> str:
    """'SOCA s.15A' or 'Penal Code s.377E': how statistics and the case page name a section."""
    return f"{'SOCA' if act == 'soca' else 'Penal Code'} s.{key}"

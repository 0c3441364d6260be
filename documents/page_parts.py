"""What documents adds to preps' pages (``core.contributions``, registered in ``apps.py``): its download
card."""


def prep_page(*, request, access) -> dict:
    return {"download_card_template": "documents/_download_card.html"}

import json

import dateline
from dateline import _dateline


def test_keys_agree_with_the_cli_duplicate_check():
    texts = [
        "The minister said on Monday that the talks would resume next week.",
        "  THE minister said, on Monday, that the talks would resume next week!",
        "A different story about the weather in Paris today.",
        "Too short.",
        "Çà et là, les élèves ont dit: «Non» — and the rest of this story is here.",
    ]
    urls = [None, "https://www.example.com/a/", "http://example.com/a#top", "https://example.com/b"]
    articles = [{"text": t, "url": u} for t in texts for u in urls]
    for a in articles:
        for b in articles:
            ka, kb = dateline.dedup_keys(a), dateline.dedup_keys(b)
            same_key = (ka[0] is not None and ka[0] == kb[0]) or (ka[1] is not None and ka[1] == kb[1])
            assert same_key == _dateline.is_duplicate_json(json.dumps(a), json.dumps(b)), (a, b)

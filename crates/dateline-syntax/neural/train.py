"""Trains dateline's neural tagger + parser on UD English EWT (train; scored on dev).

A BiLSTM over word, affix and shape embeddings and fixed pretrained word vectors (spaCy's
en_core_web_md, through a learnt projection), with a joint UPOS|XPOS classifier and a
biaffine arc scorer plus a cheap label scorer (Dozat & Manning 2017, shrunk for speed).
The Rust side (`src/neural.rs`) runs the same network for inference; `train.sh` runs this
script with the settings of the committed model/neural.bin.
"""

import argparse
import math
import random
import sys
import time
import unicodedata
from collections import Counter

import numpy as np
import jax
import jax.numpy as jnp
import optax


def normalise(form):
    out = []
    for c in form:
        if c in "\u2018\u2019\u201b\u2032\u02bc":
            out.append("'")
        elif c in "\u201c\u201d\u201e\u201f\u00ab\u00bb":
            out.append('"')
        elif c == "\u2026":
            out.append("...")
        elif c == "\u00a0":
            out.append(" ")
        else:
            out.append(c)
    return "".join(out)


def word_key(form):
    """Lower case, every digit 0: the word-embedding key."""
    low = normalise(form).lower()
    return "".join("0" if "0" <= c <= "9" else c for c in low)


def shape(form):
    out = []
    for c in normalise(form):
        if c.isupper():
            s = "X"
        elif c.islower():
            s = "x"
        elif "0" <= c <= "9":
            s = "d"
        else:
            s = c
        if not out or out[-1] != s:
            out.append(s)
        if len(out) == 5:
            break
    return "".join(out)


def suffix(form, n):
    low = word_key(form)
    return low[-n:]


def prefix(form, n):
    low = word_key(form)
    return low[:n]


def read_conllu(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        cur.append((cols[1], cols[3], cols[4], int(cols[6]), cols[7]))
    if cur:
        sents.append(cur)
    return sents


class Vocab:
    def __init__(self, items, min_count):
        counts = Counter(items)
        self.itos = ["<unk>"] + sorted(k for k, c in counts.items() if c >= min_count)
        self.stoi = {s: i for i, s in enumerate(self.itos)}
        self.counts = counts

    def get(self, s):
        return self.stoi.get(s, 0)

    def __len__(self):
        return len(self.itos)


FEATURES = [
    ("word", word_key, 2),
    ("suf3", lambda f: suffix(f, 3), 2),
    ("suf2", lambda f: suffix(f, 2), 1),
    ("pre2", lambda f: prefix(f, 2), 2),
    ("shape", shape, 1),
]
# The sentence's style (normal, title case, capitals): a feature of every word, computed
# from the whole sentence, so it is handled apart from FEATURES (word -> string).
STYLES = ["normal", "title", "upper"]


SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "as", "from"}


def case_variant(forms, upper):
    """Headline-style copy of a sentence: title case (small function words kept) or capitals,
    as the perceptron tagger's training copies (`tagger::case_variant`)."""
    if upper:
        return [f.upper() for f in forms]
    return [f if f in SMALL_WORDS else f[:1].upper() + f[1:] for f in forms]


def sentence_style(forms):
    """normal, title or upper: as `lexical::sentence_style` on the Rust side."""
    alpha = init_cap = all_cap = 0
    for w in forms:
        if not w or not w[0].isalpha():
            continue
        alpha += 1
        if w[0].isupper():
            init_cap += 1
        if len(w) > 1 and not any(c.islower() for c in w):
            all_cap += 1
    if alpha >= 3 and all_cap * 10 >= alpha * 7:
        return "upper"
    if alpha >= 4 and init_cap * 10 >= alpha * 7:
        return "title"
    return "normal"


def murmur64a(data, seed=1):
    """MurmurHash64A, spaCy's string hash: keys of the vector table are hashes of strings."""
    m, mask = 0xC6A4A7935BD1E995, (1 << 64) - 1
    h = (seed ^ (len(data) * m)) & mask
    n8 = len(data) // 8
    for i in range(n8):
        k = (int.from_bytes(data[8 * i : 8 * i + 8], "little") * m) & mask
        k ^= k >> 47
        h = ((h ^ ((k * m) & mask)) * m) & mask
    tail = data[8 * n8 :]
    if tail:
        for i in range(len(tail) - 1, -1, -1):
            h ^= tail[i] << (8 * i)
        h = (h * m) & mask
    h ^= h >> 47
    h = (h * m) & mask
    return h ^ (h >> 47)


def vector_key(form):
    """The pretrained-vector lookup key: the normalised form in lower case (digits kept)."""
    return normalise(form).lower()


class Vectors:
    """spaCy's en_core_web_md word vectors (CC0): lower-case keys to rows of a 300-dim table.
    Row 0 of `table` is the zero vector of words without one."""

    def __init__(self, vocab_dir):
        import json
        import msgpack

        key2row = msgpack.unpackb(open(vocab_dir + "/key2row", "rb").read(), strict_map_key=False)
        strings = json.load(open(vocab_dir + "/strings.json", encoding="utf-8"))
        self.row = {}
        for s in strings:
            if s != s.lower() or len(s) > 40:
                continue
            r = key2row.get(murmur64a(s.encode("utf-8")))
            if r is not None:
                self.row[s] = r + 1
        table = np.load(vocab_dir + "/vectors")
        table = table / table.std()
        self.table = np.concatenate([np.zeros((1, table.shape[1]), np.float32), table]).astype(np.float32)

    def get(self, form):
        return self.row.get(vector_key(form), 0)


def build_vocabs(train):
    vocabs = {}
    for name, fn, mc in FEATURES:
        vocabs[name] = Vocab([fn(w[0]) for s in train for w in s], mc)
    vocabs["tag"] = Vocab([w[1] + "|" + w[2] for s in train for w in s], 1)
    vocabs["rel"] = Vocab([w[4] for s in train for w in s], 1)
    return vocabs


def encode(sents, vocabs, vectors, case=None, style=True):
    """Feature ids per word: FEATURES, the style (if `style`), then the vector row (if
    vectors). `case` = "title" or "upper" encodes the sentence's headline-style copy."""
    out = []
    for s in sents:
        forms = [w[0] for w in s]
        if case is not None:
            forms = case_variant(forms, case == "upper")
        style_id = [STYLES.index(sentence_style(forms))] if style else []
        feats = np.array(
            [
                [vocabs[name].get(fn(f)) for name, fn, _ in FEATURES]
                + style_id
                + ([vectors.get(f)] if vectors else [])
                for f in forms
            ],
            np.int32,
        )
        tags = np.array([vocabs["tag"].get(w[1] + "|" + w[2]) for w in s], np.int32)
        heads = np.array([w[3] for w in s], np.int32)
        rels = np.array([vocabs["rel"].get(w[4]) for w in s], np.int32)
        out.append((feats, tags, heads, rels))
    return out


BUCKETS = [8, 16, 24, 32, 40, 48, 64, 80, 96, 128, 160, 256]


def bucket_len(n):
    for b in BUCKETS:
        if n <= b:
            return b
    return n


def batches(data, tokens_per_batch, shuffle, rng):
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    groups, cur, cur_max = [], [], 0
    for i in order:
        n = len(data[i][0])
        m = max(cur_max, n)
        if cur and m * (len(cur) + 1) > tokens_per_batch:
            groups.append(cur)
            cur, m = [], n
        cur.append(i)
        cur_max = m
    if cur:
        groups.append(cur)
    if shuffle:
        rng.shuffle(groups)
    for g in groups:
        n = bucket_len(max(len(data[i][0]) for i in g))
        b = len(g)
        bb = 1 << (b - 1).bit_length()  # pad the batch size to a power of two
        feats = np.zeros((bb, n, data[g[0]][0].shape[1]), np.int32)
        tags = np.zeros((bb, n), np.int32)
        heads = np.zeros((bb, n), np.int32)
        rels = np.zeros((bb, n), np.int32)
        lens = np.zeros((bb,), np.int32)
        for k, i in enumerate(g):
            f, t, h, r = data[i]
            m = len(t)
            feats[k, :m] = f
            tags[k, :m] = t
            heads[k, :m] = h
            rels[k, :m] = r
            lens[k] = m
        yield g, feats, tags, heads, rels, lens


def init_params(key, vocabs, cfg):
    dims = cfg["emb"]
    keys = iter(jax.random.split(key, 64))
    p = {}

    def glorot(shape):
        lim = math.sqrt(6.0 / (shape[0] + shape[-1]))
        return jax.random.uniform(next(keys), shape, jnp.float32, -lim, lim)

    d_in = 0
    for name, _, _ in FEATURES:
        p["emb_" + name] = jax.random.normal(next(keys), (len(vocabs[name]), dims[name])) * 0.1
        d_in += dims[name]
    if cfg["style"]:
        p["emb_style"] = jax.random.normal(next(keys), (len(STYLES), dims["style"])) * 0.1
        d_in += dims["style"]
    if cfg["vec_dim"]:
        p["vec_proj"] = glorot((cfg["vec_width"], cfg["vec_dim"]))
        d_in += cfg["vec_dim"]
    h = cfg["hidden"]
    for layer in range(cfg["layers"]):
        for d in ("f", "b"):
            p[f"lstm{layer}{d}_wx"] = glorot((d_in, 4 * h))
            p[f"lstm{layer}{d}_wh"] = glorot((h, 4 * h))
            b = np.zeros(4 * h, np.float32)
            b[h : 2 * h] = 1.0  # forget gate
            p[f"lstm{layer}{d}_b"] = jnp.array(b)
        d_in = 2 * h
    r = 2 * h
    a, l = cfg["arc"], cfg["lab"]
    n_tags, n_rels = len(vocabs["tag"]), len(vocabs["rel"])
    p["root"] = jax.random.normal(next(keys), (r,)) * 0.1
    p["tag_w"] = glorot((r, n_tags))
    p["tag_b"] = jnp.zeros(n_tags)
    p["arc_dep_w"] = glorot((r, a))
    p["arc_dep_b"] = jnp.zeros(a)
    p["arc_head_w"] = glorot((r, a))
    p["arc_head_b"] = jnp.zeros(a)
    p["arc_u"] = jnp.zeros((a, a))
    p["arc_hb"] = jnp.zeros(a)
    p["lab_dep_w"] = glorot((r, l))
    p["lab_dep_b"] = jnp.zeros(l)
    p["lab_head_w"] = glorot((r, l))
    p["lab_head_b"] = jnp.zeros(l)
    p["lab_wd"] = glorot((l, n_rels))
    p["lab_wh"] = glorot((l, n_rels))
    p["lab_wm"] = glorot((l, n_rels))
    p["lab_b"] = jnp.zeros(n_rels)
    return p


def lstm_dir(p, pre, x, lens, reverse):
    """x: [B, N, D]; returns [B, N, H]. Reverse runs right to left within each length."""
    B, N, _ = x.shape
    if reverse:
        idx = jnp.arange(N)[None, :]
        rev = jnp.where(idx < lens[:, None], lens[:, None] - 1 - idx, idx)
        x = jnp.take_along_axis(x, rev[:, :, None], axis=1)
    xs = x @ p[pre + "_wx"] + p[pre + "_b"]  # [B, N, 4H]
    wh = p[pre + "_wh"]
    H = wh.shape[0]

    def step(carry, xt):
        h, c = carry
        g = xt + h @ wh
        i = jax.nn.sigmoid(g[:, :H])
        f = jax.nn.sigmoid(g[:, H : 2 * H])
        o = jax.nn.sigmoid(g[:, 2 * H : 3 * H])
        u = jnp.tanh(g[:, 3 * H :])
        c = f * c + i * u
        h = o * jnp.tanh(c)
        return (h, c), h

    z = jnp.zeros((B, H))
    _, hs = jax.lax.scan(step, (z, z), jnp.swapaxes(xs, 0, 1))
    hs = jnp.swapaxes(hs, 0, 1)
    if reverse:
        hs = jnp.take_along_axis(hs, rev[:, :, None], axis=1)
    return hs


def dropout(key, x, rate, train):
    if not train or rate == 0:
        return x
    keep = jax.random.bernoulli(key, 1 - rate, x.shape)
    return jnp.where(keep, x / (1 - rate), 0)


def forward(p, cfg, feats, lens, key, train):
    keys = jax.random.split(key, 16)
    embs = []
    for k, (name, _, _) in enumerate(FEATURES):
        e = p["emb_" + name][feats[:, :, k]]
        embs.append(e)
    n = len(FEATURES)
    if cfg["style"]:
        embs.append(p["emb_style"][feats[:, :, n]])
        n += 1
    if cfg["vec_dim"]:
        embs.append(cfg["vec_table"][feats[:, :, n]] @ p["vec_proj"])
    x = jnp.concatenate(embs, -1)
    x = dropout(keys[0], x, cfg["drop_emb"], train)
    for layer in range(cfg["layers"]):
        hf = lstm_dir(p, f"lstm{layer}f", x, lens, False)
        hb = lstm_dir(p, f"lstm{layer}b", x, lens, True)
        x = jnp.concatenate([hf, hb], -1)
        x = dropout(keys[1 + layer], x, cfg["drop_lstm"], train)
    B, N, R = x.shape
    tag_logits = x @ p["tag_w"] + p["tag_b"]
    # Head candidates: ROOT at 0, then the words.
    heads_in = jnp.concatenate([jnp.broadcast_to(p["root"], (B, 1, R)), x], 1)
    dep_a = jax.nn.relu(x @ p["arc_dep_w"] + p["arc_dep_b"])
    head_a = jax.nn.relu(heads_in @ p["arc_head_w"] + p["arc_head_b"])
    dep_a = dropout(keys[5], dep_a, cfg["drop_mlp"], train)
    head_a = dropout(keys[6], head_a, cfg["drop_mlp"], train)
    arc = jnp.einsum("bia,ac,bjc->bij", dep_a, p["arc_u"], head_a) + (head_a @ p["arc_hb"])[:, None, :]
    dep_l = jax.nn.relu(x @ p["lab_dep_w"] + p["lab_dep_b"])
    head_l = jax.nn.relu(heads_in @ p["lab_head_w"] + p["lab_head_b"])
    dep_l = dropout(keys[7], dep_l, cfg["drop_mlp"], train)
    head_l = dropout(keys[8], head_l, cfg["drop_mlp"], train)
    return tag_logits, arc, dep_l, head_l


def label_logits(p, dep_l, head_l, heads):
    """Label scores of each word with the given head (index into ROOT+words)."""
    hl = jnp.take_along_axis(head_l, heads[:, :, None], axis=1)
    return dep_l @ p["lab_wd"] + hl @ p["lab_wh"] + (dep_l * hl) @ p["lab_wm"] + p["lab_b"]


def loss_fn(p, cfg, feats, tags, heads, rels, lens, key):
    B, N = tags.shape
    mask = (jnp.arange(N)[None, :] < lens[:, None]).astype(jnp.float32)
    tag_logits, arc, dep_l, head_l = forward(p, cfg, feats, lens, key, True)
    cand = jnp.arange(N + 1)[None, None, :] <= lens[:, None, None]
    arc = jnp.where(cand, arc, -1e9)
    arc_lp = jax.nn.log_softmax(arc, -1)
    arc_loss = -jnp.take_along_axis(arc_lp, heads[:, :, None], -1)[:, :, 0]
    tag_loss = -jnp.take_along_axis(jax.nn.log_softmax(tag_logits, -1), tags[:, :, None], -1)[:, :, 0]
    lab = label_logits(p, dep_l, head_l, heads)
    lab_loss = -jnp.take_along_axis(jax.nn.log_softmax(lab, -1), rels[:, :, None], -1)[:, :, 0]
    total = ((arc_loss + lab_loss + cfg["tag_weight"] * tag_loss) * mask).sum() / mask.sum()
    return total


def predict(p, cfg, feats, lens):
    B, N = feats.shape[:2]
    tag_logits, arc, dep_l, head_l = forward(p, cfg, feats, lens, jax.random.PRNGKey(0), False)
    cand = jnp.arange(N + 1)[None, None, :] <= lens[:, None, None]
    self_loop = jnp.arange(N + 1)[None, None, :] == (jnp.arange(N)[None, :, None] + 1)
    arc = jnp.where(cand & ~self_loop, arc, -1e9)
    heads = arc.argmax(-1)
    lab = label_logits(p, dep_l, head_l, heads)
    return tag_logits.argmax(-1), heads, lab.argmax(-1)


def evaluate(p, cfg, data, vocabs, predict_jit):
    n = upos = tag = uas = las = 0
    rng = random.Random(0)
    for g, feats, tags, heads, rels, lens in batches(data, 4000, False, rng):
        pt, ph, pr = predict_jit(p, feats, lens)
        pt, ph, pr = np.asarray(pt), np.asarray(ph), np.asarray(pr)
        for k in range(len(g)):
            m = lens[k]
            for i in range(m):
                n += 1
                gt = vocabs["tag"].itos[tags[k, i]].split("|")[0]
                st = vocabs["tag"].itos[pt[k, i]].split("|")[0]
                upos += gt == st
                tag += tags[k, i] == pt[k, i]
                if ph[k, i] == heads[k, i]:
                    uas += 1
                    g_rel = vocabs["rel"].itos[rels[k, i]].split(":")[0]
                    s_rel = vocabs["rel"].itos[pr[k, i]].split(":")[0]
                    las += g_rel == s_rel
    return dict(upos=upos / n, tag=tag / n, uas=uas / n, las=las / n)


def export(path, cfg, vocabs, params, vectors):
    """Writes the model in the layout `src/neural.rs` reads (little-endian)."""
    import struct

    out = bytearray(b"DLNEURAL")
    u32 = lambda v: out.extend(struct.pack("<I", v))

    def string(s):
        b = s.encode("utf-8")
        u32(len(b))
        out.extend(b)

    def strings(items):
        u32(len(items))
        for s in items:
            string(s)

    u32(2)  # FORMAT_VERSION
    for v in (cfg["hidden"], cfg["layers"], cfg["arc"], cfg["lab"]):
        u32(v)
    u32(len(FEATURES) + int(cfg["style"]))
    for name, _, _ in FEATURES:
        string(name)
        strings(vocabs[name].itos)
    if cfg["style"]:
        string("style")
        strings(STYLES)
    strings(vocabs["tag"].itos)
    strings(vocabs["rel"].itos)
    # Pretrained vectors, already multiplied by the learnt projection: keys, their rows, and
    # the table (row 0 zero) as the parameter "vec_table". No vectors: no keys.
    params = dict(params)
    if vectors is not None:
        keys = sorted(vectors.row)
        strings(keys)
        out.extend(np.array([vectors.row[k] for k in keys], "<u4").tobytes())
        params["vec_table"] = vectors.table @ np.asarray(params.pop("vec_proj"))
    else:
        strings([])
    u32(len(params))
    for name in sorted(params):
        a = np.asarray(params[name], dtype="<f4")
        string(name)
        u32(a.ndim)
        for d in a.shape:
            u32(d)
        out.extend(a.tobytes())
    with open(path, "wb") as f:
        f.write(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../../../../shared")
    ap.add_argument("--out", default="neural.npz")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--arc", type=int, default=128)
    ap.add_argument("--lab", type=int, default=64)
    ap.add_argument("--word-dim", type=int, default=100)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch-tokens", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-train", type=int, default=0)
    ap.add_argument("--vectors", default="", help="spaCy vocab folder with key2row, strings.json, vectors")
    ap.add_argument("--vec-dim", type=int, default=64)
    ap.add_argument("--title-case", type=float, default=0.0, help="share of sentences seen in title case each epoch")
    ap.add_argument("--capitals", type=float, default=0.0, help="share of sentences seen in capitals each epoch")
    args = ap.parse_args()
    cfg = dict(
        hidden=args.hidden,
        layers=args.layers,
        arc=args.arc,
        lab=args.lab,
        emb=dict(word=args.word_dim, suf3=32, suf2=16, pre2=16, shape=16, style=8),
        drop_emb=0.33,
        drop_lstm=0.33,
        drop_mlp=0.33,
        tag_weight=1.0,
        word_dropout=0.25,
        vec_dim=args.vec_dim,
        # The sentence-style feature comes with the headline-style training copies.
        style=bool(args.title_case or args.capitals),
    )
    vectors = Vectors(args.vectors) if args.vectors else None
    if vectors is not None:
        cfg["vec_table"] = jnp.array(vectors.table)
        cfg["vec_width"] = vectors.table.shape[1]
        print(f"{len(vectors.row)} vector keys, {vectors.table.shape[0] - 1} rows", file=sys.stderr)
    else:
        cfg["vec_dim"] = 0
    ewt = args.shared + "/data/ud-english-ewt/"
    train = read_conllu(ewt + "en_ewt-ud-train.conllu")
    dev = read_conllu(ewt + "en_ewt-ud-dev.conllu")
    if args.max_train:
        train = train[: args.max_train]
    vocabs = build_vocabs(train)
    print({k: len(v) for k, v in vocabs.items()}, file=sys.stderr)
    style = cfg["style"]
    tr, dv = encode(train, vocabs, vectors, style=style), encode(dev, vocabs, vectors, style=style)
    tr_title = encode(train, vocabs, vectors, "title", style) if args.title_case else None
    tr_upper = encode(train, vocabs, vectors, "upper", style) if args.capitals else None
    if vectors is not None:
        for name, data in (("train", tr), ("dev", dv)):
            f = np.concatenate([d[0] for d in data])
            print(
                f"{name}: {np.mean(f[:, -1] > 0):.4f} of words have a vector, "
                f"{np.mean((f[:, -1] > 0) & (f[:, 0] == 0)):.4f} have one and no word embedding",
                file=sys.stderr,
            )
    word_counts = np.array([vocabs["word"].counts.get(w, 0) for w in vocabs["word"].itos], np.float32)
    alpha = cfg["word_dropout"]
    unk_prob = alpha / (alpha + word_counts)  # rare words are replaced by <unk> more often
    unk_prob[0] = 0

    params = init_params(jax.random.PRNGKey(args.seed), vocabs, cfg)
    n_params = sum(int(np.prod(v.shape)) for v in params.values())
    print(f"{n_params} parameters", file=sys.stderr)
    steps_per_epoch = sum(1 for _ in batches(tr, args.batch_tokens, False, random.Random(0)))
    schedule = optax.warmup_cosine_decay_schedule(
        0.0, args.lr, min(200, steps_per_epoch), max(steps_per_epoch * args.epochs, 400), args.lr * 0.05
    )
    opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(schedule, b1=0.9, b2=0.9))
    opt_state = opt.init(params)

    @jax.jit
    def train_step(params, opt_state, feats, tags, heads, rels, lens, key):
        loss, grads = jax.value_and_grad(loss_fn)(params, cfg, feats, tags, heads, rels, lens, key)
        updates, opt_state = opt.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss

    predict_jit = jax.jit(lambda p, f, l: predict(p, cfg, f, l))
    rng = random.Random(args.seed)
    nprng = np.random.default_rng(args.seed)
    key = jax.random.PRNGKey(args.seed + 1)
    best = None
    for epoch in range(1, args.epochs + 1):
        t0 = time.time()
        total, nb = 0.0, 0
        # Headline-style copies stand in for some sentences each epoch: capitalisation must
        # not be the only cue for a proper noun.
        epoch_data = tr
        if tr_title is not None or tr_upper is not None:
            draws = nprng.random(len(tr))
            epoch_data = [
                tr_title[i] if tr_title is not None and d < args.title_case
                else tr_upper[i] if tr_upper is not None and d < args.title_case + args.capitals
                else tr[i]
                for i, d in enumerate(draws)
            ]
        for g, feats, tags, heads, rels, lens in batches(epoch_data, args.batch_tokens, True, rng):
            words = feats[:, :, 0]
            drop = nprng.random(words.shape) < unk_prob[words]
            feats = feats.copy()
            feats[:, :, 0] = np.where(drop, 0, words)
            key, sub = jax.random.split(key)
            params, opt_state, loss = train_step(params, opt_state, feats, tags, heads, rels, lens, sub)
            total += float(loss)
            nb += 1
        scores = evaluate(params, cfg, dv, vocabs, predict_jit)
        print(
            f"epoch {epoch} loss {total / nb:.3f} {time.time() - t0:.0f}s dev "
            + " ".join(f"{k} {v:.4f}" for k, v in scores.items()),
            file=sys.stderr,
            flush=True,
        )
        if best is None or scores["las"] > best[0]["las"]:
            best = (scores, jax.tree_util.tree_map(np.asarray, params), epoch)
    scores, params, epoch = best
    print(f"best epoch {epoch}: {scores}", file=sys.stderr)
    export(args.out, cfg, vocabs, params, vectors)
    print(f"wrote {args.out} (epoch {epoch}: {scores})", file=sys.stderr)


if __name__ == "__main__":
    main()

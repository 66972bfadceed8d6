"""The fallback threshold from the training data alone: 5-fold cross-validation of the TF-IDF + logistic regression
classifier on data/nlu, and how often its guess is right per confidence band. Never looks at eval/."""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from nlu_bench import SEED, load_examples, tfidf_baseline  # noqa: E402

BANDS = [(0, .1), (.1, .15), (.15, .2), (.2, .25), (.25, .3), (.3, .35), (.35, .4), (.4, .5), (.5, 1)]


def main() -> None:
    from sklearn.model_selection import StratifiedKFold

    _, examples = load_examples()
    texts, intents = np.array([t for t, _ in examples]), np.array([i for _, i in examples])
    conf, right = [], []
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, intents):
        model, _ = tfidf_baseline(list(zip(texts[train], intents[train])), [])
        p = model.predict_proba(texts[test])
        conf += list(p.max(1))
        right += list(model.classes_[p.argmax(1)] == intents[test])
    conf, right = np.array(conf), np.array(right)
    print("n", len(conf), "cv accuracy", right.mean().round(3))
    for lo, hi in BANDS:
        m = (conf >= lo) & (conf < hi)
        print(f"{lo:.2f}-{hi:.2f}: {m.sum():4d} messages, right {right[m].mean() if m.sum() else 0:.2f}")


if __name__ == "__main__":
    main()

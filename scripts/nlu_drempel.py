"""The fallback threshold from the training data alone: 5-fold cross-validation of the TF-IDF + logistic regression
classifier on data/nlu, and how often its guess is right per confidence band. Never looks at eval/."""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from nlu_bench import tfidf_baseline  # noqa: E402
from rasa.shared.nlu.training_data.loading import load_data  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

data = load_data(str(Path(__file__).parents[1] / "data" / "nlu"))
X = np.array([m.get("text") for m in data.intent_examples]); y = np.array([m.get("intent") for m in data.intent_examples])
conf, right = [], []
for tr, te in StratifiedKFold(5, shuffle=True, random_state=2015).split(X, y):
    model, _ = tfidf_baseline(list(zip(X[tr], y[tr])), [])
    p = model.predict_proba(X[te]); best = p.argmax(1)
    conf += list(p.max(1)); right += list(model.classes_[best] == y[te])
conf, right = np.array(conf), np.array(right)
print("n", len(conf), "cv accuracy", right.mean().round(3))
for lo, hi in [(0,.1),(.1,.15),(.15,.2),(.2,.25),(.25,.3),(.3,.35),(.35,.4),(.4,.5),(.5,1)]:
    m = (conf>=lo)&(conf<hi)
    print(f"{lo:.2f}-{hi:.2f}: {m.sum():4d} messages, right {right[m].mean() if m.sum() else 0:.2f}")

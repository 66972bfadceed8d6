"""Print readability figures of the bot's texts, standard and B1 (for the README)."""
from bot.gesprek import leesbaarheid
from bot.gesprek.teksten import load_responses, split_levels

responses = load_responses()
levels = {"standaard": [], "B1": []}
for variants in responses.values():
    b1, standard = split_levels(variants)
    levels["B1"] += [v["text"] for v in b1]
    levels["standaard"] += [v["text"] for v in standard]

print(f"{'niveau':<10} {'teksten':>7} {'woorden/zin':>12} {'Flesch-Douma':>13} {'gangbare woorden':>17}")
for level, texts in levels.items():
    f = leesbaarheid.figures(texts)
    print(f"{level:<10} {f.texts:>7} {f.mean_sentence_length:>12.1f} {f.flesch_douma:>13.1f} {f.common_share:>16.1%}")

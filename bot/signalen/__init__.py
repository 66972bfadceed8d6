"""Anonymous signals for the gemeente: the kinds and their categories, written in a background thread
(`signalen`), and the policy report built from them with small-number suppression (`rapportage`), exported as
HTML, CSV and XLSX (`export`, templates and style in this folder) and as `bot report` (`cli`). Never a person:
only categories, a day and an anonymised quote. May import the foundations and `gesprek`."""

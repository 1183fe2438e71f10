/**
 * What the fake model says in the Slack end-to-end tests. The scripts never contain the numbers
 * Python computes: a thread that shows them proves the sandbox's output reached the student.
 */
import { parseScript } from "../../src/fake-model/script.js";

export const slackScript = parseScript({
  scenarios: [
    {
      name: "power",
      match: "2\\^\\{?20",
      turns: [
        "We need $2^{20}$. Doubling 1 twenty times gets there, and the doublings before add up to one less:\n$$2^{20} - 1 = \\sum_{k=0}^{19} 2^k.$$\n\nPython computes the power exactly.\n```python\nprint(2**20)\n```\n```output",
        "So $$2^{20} = {{output}}$$ and the sum over $k$ is $\\sum_{k=0}^{19} 2^k = 2^{20} - 1$.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "churn",
      match: "churn",
      turns: [
        "Load the shared table, plot churn by month and measure the monthly change.\n```python\nimport pandas as pd\nimport matplotlib.pyplot as plt\ndf = pd.read_csv('/data/churn.csv')\nax = df.plot(x='month', y='churn', marker='o', title='Churn by month')\nax.set_ylabel('churn rate')\nprint(round(df['churn'].diff().mean(), 4))\n```\n```output",
        "Churn changes by {{output}} per month on average, so the trend is downward.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
    {
      name: "slow",
      match: "take your time",
      faults: [{ kind: "slow", delayMs: 60_000 }],
      turns: ["This never arrives.\n\n\\[ \\boxed{0} \\]"],
    },
    {
      name: "default",
      turns: [
        "Compute it.\n```python\nprint(6 * 7)\n```\n```output",
        "The product is {{output}}.\n\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
  ],
});

/**
 * A model that adds fractions by adding numerators and denominators (1/2 + 1/3 → 2/5): the answer key
 * of an assignment must win over it, and its method is what a teacher asks hints to avoid.
 */
export const fractionSumScript = parseScript({
  scenarios: [
    {
      name: "fraction-sum",
      match: "fraction sum",
      turns: [
        "To add fractions, add the numerators and add the denominators.\n```python\nfrom fractions import Fraction\nprint(Fraction(1 + 1, 2 + 3))\n```\n```output",
        "Python gives {{output}}.\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
  ],
});

/** The problem `fractionSumScript` answers wrongly (2/5; the key is 5/6). */
export const FRACTION_SUM_PROBLEM = "What is the fraction sum 1/2 + 1/3?";

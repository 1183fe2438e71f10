/**
 * A scripted question whose run shows a display formula and a plot, for the tests that look at
 * the images a surface receives (their theme, their size). The plot's count comes from Python.
 */
import { parseScript } from "../../src/fake-model/script.js";

export const PLOT_QUESTION = "What is the lowest point of the parabola y = x^2 - 6x + 4? Plot it.";

export const plotScript = parseScript({
  scenarios: [
    {
      name: "parabola",
      match: "parabola",
      turns: [
        "Let me plot the curve first.\n```python\nimport numpy as np\nimport matplotlib.pyplot as plt\nx = np.linspace(0, 6, 601)\ny = x**2 - 6*x + 4\nplt.plot(x, y)\nplt.title('y = x^2 - 6x + 4')\nplt.show()\n```\n```output",
        "The plot has one lowest point. Now its value.\n```python\nprint(round(float(y.min()), 3))\n```\n```output",
        "The plot bottoms out at {{output}}. Completing the square shows why:\n\\[ y = x^2 - 6x + 4 = \\left(x - \\tfrac{6}{2}\\right)^2 + 4 - \\tfrac{36}{4} \\]\n\n**Final Answer**\n\\[ \\boxed{ {{output}} } \\]",
      ],
    },
  ],
});

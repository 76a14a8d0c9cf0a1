"""What a person saw in each configuration's sample grid, for docs/results.md."""

# (config, dataset) -> what the median seed's grid shows (written after looking at it).
GRID_NOTES = {
    ("dcgan+minibatch-std", "digits"): "like the default's grid: smooth strokes on "
    "black, 0, 2, 4, 5 and 6 readable in most cells, about one in four smudged or "
    "blobby (one in six in the default's), none repeated.",
    ("dcgan+spectral-norm", "digits"): "greyer, hazier strokes than the default's, "
    "with a faint glow around them; 0, 3, 5, 7 and 9 readable, about one cell in three "
    "ambiguous, one a flat white bar; none repeated. Seed 0's grid looks the same.",
    ("gan", "digits"): "soft, blurred strokes on black; 0, 2, 3, 5, 6, 8 and 9 are "
    "recognisable in most cells, about one in five is an ambiguous loop, three are a thin "
    "white bar or a near-black square (at 300 epochs one cell in ten was a solid white "
    "bar or blob), and no cell repeats another.",
    ("wgan", "digits"): "speckled strokes on a dark background, less grey than at 60 "
    "epochs with clip 0.01 (FID 20.4); 0, 2, 3, 5, 6 and 9 are recognisable, about one "
    "cell in three is an ambiguous loop or smudge, none repeats another.",
    ("wgan-gp", "digits"): "soft, slightly grainy white strokes on black; 0, 2, 3, 4, 5, "
    "6, 7 and 9 readable in most cells, about one in five a smudge or a broken loop, one "
    "cell a short white bar; no cell repeats another.",
    ("cgan", "digits"): "one class per column, 0 to 9, and every column its class: 0, "
    "4, 5, 6 and 7 clear, 1 a grainy upright bar, 2 and 3 thin and speckled, 8 and 9 "
    "muddy; slant and width vary down each column and no cell repeats another. Seed 3's "
    "grid (its worst class the fives, 0.96) looks the same, a few 5s and 9s smudged.",
    ("dcgan", "digits"): "soft, smooth strokes on black, the clearest DCGAN grid: most "
    "cells a readable digit (0, 2, 3, 4, 5, 6 and 8 often), about one in six smudged or "
    "blobby, one cell a flat white bar, none repeated; none of the grain of the "
    "DiffAugment grid below. Seed 4's grid (the worst, 3.91) looks much the same, with a "
    "few more smudged cells. Its FID is below "
    "the floor at 1,000 images, but at the floor's 359 images it is 1.4-1.6x the floor, "
    "and its samples lie farther from their nearest training digit than held-out digits do "
    "(no copies; docs/evaluation.md).",
    ("dcgan+diffaugment", "digits"): "thick, grainy strokes on a black background with "
    "faint speckle; 0, 2, 3, 5, 6 and 7 readable in most cells, about one in five an "
    "ambiguous blob, none repeated. Seed 4's grid (the worst, 8.53) is grainier, with "
    "more smudged cells.",
    ("dcgan-no-r1", "digits"): "seed 0: blurrier, fainter strokes than the default's; "
    "0, 2, 3, 4, 5 and 6 readable in about half the cells, the rest ambiguous loops, "
    "none repeated. Seed 1 collapsed: every cell the same lattice of white dots on black "
    "(FID 622, class coverage 0).",
    ("dcgan+ada", "digits"): "like the default's grid, smooth strokes on black: most "
    "cells a readable digit (2, 3, 4, 5, 6, 8, 9 and 0), about one in five smudged, "
    "none repeated; no difference the eye can pin on ADA.",
    ("dcgan+f32", "mnist"): "the same look as the bfloat16 default's grid: clean white "
    "strokes on black, all ten digits, most cells readable, about one in five or six a "
    "hybrid or broken shape (an 8 run into a 4, a 0 open at the top, a faint 2); no "
    "cell repeats another. Seed 0's grid looks the same; seed 1's (the worst, 6.55) has "
    "about one broken cell in four.",
    ("dcgan", "mnist"): "MNIST-like handwriting, clean white strokes on black, sharper "
    "than WGAN-GP's; all ten digits, most cells readable, about one in six or seven a "
    "hybrid or broken shape (a 4 crossed like a plus, a 9 with an open loop); no cell "
    "repeats another. Seed 1 (the worst, 6.62) has more broken cells, about one in five; "
    "seed 2 (4.19) looks like seed 0. Seed 3 (5.33) has many 7s and 5s and about one "
    "cell in five ragged or odd (a 0 drawn as a blotch, a 4 fused with a 7, smeared "
    "5s); seed 4 (4.64) many 9s, about one in six odd (a scribbled 6, a 4 made of dots, "
    "a 9 filled into a blob).",
    ("wgan-gp+f32", "mnist"): "the look of the bfloat16 default's grid: smooth white "
    "strokes on black, all ten digits, most cells readable, about one in six a scribble "
    "or a smudge (a 0 hatched inside, a 4 run into a squiggle, a faint 6 beside a faint "
    "8); no cell repeats another. Seed 2 (the worst, 7.24) has about one odd cell in four "
    "(a 2 curled into a loop, a 6 melted into a blob, smeared 5s and 3s); seed 3 (the "
    "best, 5.34) about one in five (a 3 crossed like a 5, a 2 drawn like a z).",
    ("wgan-gp", "mnist"): "MNIST-like handwriting, smooth white strokes on a clean black "
    "background, a little grainier than DCGAN's; all ten digits, many 0s, 7s and 9s, "
    "about one cell in four or five a hybrid or a scribble (a 3 and an 8 fused, a 2 "
    "curled like an a, a 4 drawn like a t, a 9 filled into a blob), the rest readable; "
    "no cell repeats another. Seed 1 (7.18, the median of seeds 0-2) has about one odd "
    "cell in six (a 2 melting into a blob, a 4 into a 9); seed 2 (the worst, 7.91) a few "
    "more thin or broken cells, about one in five; seed 4 (the best, 5.38) about one in "
    "six (a 4 like an A, a 0 with a lump). The defaults' grid before (5 critic updates, "
    "22 epochs) had a broken or hybrid shape in one cell in three.",
    ("cgan", "mnist"): "one class per column, 0 to 9, and every cell its column's "
    "class: clean white MNIST strokes, slant, width and style varying down each column "
    "(open and closed 4s, crossed and plain 7s), a few 2s, 3s and 5s with a ragged "
    "stroke; no cell repeats another. Seeds 1 and 2 look the same; seeds 3 (4.66) and 4 "
    "(5.78) too, with a few more ragged cells (seed 3: a 3 curled into a loop, a faint "
    "8, a 1 with a cross stroke; seed 4: scratchy 2s and 5s). The WGAN-GP-loss "
    "defaults before (22 epochs, now x-cgan-mnist-wgan-gp-e22, FID 33.26) drew thin, "
    "grainy, often broken strokes.",
    ("cgan+f32", "mnist"): "the look of the bfloat16 default's grid: one class per "
    "column, 0 to 9, every cell its column's class, clean white strokes whose slant, "
    "width and style vary down each column; about one cell in fifteen is odd (a 4 drawn "
    "like an H, a 1 hooked like a 7, a blotchy 2); no cell repeats another. Seed 0 (the "
    "worst, 5.35) has about one odd cell in eight (blotchy or broken 2s, a 1 like a z, "
    "a smeared 7, a faint 9); seed 4 (the best, 4.11) about one in twelve (a 0 filled "
    "into a blob, a 2 like a z).",
    ("stylegan2+f32", "mnist-32"): "the look of the bfloat16 default's grid: "
    "MNIST-like handwriting, smooth white strokes on clean black, all ten digits; about "
    "one cell in eight is odd (a 0 like a Q, a 4 with a bent flag, a 2 like a d, a 6 "
    "whose loop runs into its stem), the rest readable; no cell repeats another. Seed 2 "
    "(the worst, 4.48) has about one odd cell in six (a 1 with a stray dot, a 7 looped "
    "like a lambda, a 9 like a q, a 7 bent into an n, a 6 like a b); seed 4 (the best, "
    "3.12) about one in nine (a 2 drawn like an ampersand, a 3 half a 5, a 9 like a q).",
    ("stylegan2", "mnist-32"): "MNIST-like handwriting, smooth white strokes on clean "
    "black, all ten digits, many 8s, 9s and 0s; about one cell in seven is odd (a 4 "
    "drawn like a G, another like a u, a 0 like a D, an 8 half a 3), the rest readable; "
    "no cell repeats another. Seed 4 (the best, 2.47) has many 7s and 3s and about one "
    "odd cell in eight (a 2 looped like a z, a 5 like an r); seed 1 (2.93) many 7s, 1s "
    "and 8s, an 8 fused with a 9, a 0 like a Q; seed 2 (3.60) many 9s, 3s and 4s, a 6 "
    "like a b; seed 3 (the worst, 5.00) many 1s, 4s and 8s, a 0 filled into a drop, a 9 "
    "into a blob. The same defaults at the class's learning rates "
    "(x-sg-defaults-e72-mix0, median 4.62, seed 1) drew about one odd cell in six or "
    "seven (2s drawn like a z or fused into a 7, a 6 with a scribbled loop). The defaults "
    "before 2026-12-05 (16 epochs in float32, FID 50.39, now x-sg-defaults-e16) drew a "
    "third of the cells as closed loops or polygons that are no digit.",
}

// Brain Tumor Options from a macro, in the form Plugins > Brain Tumor > Brain Tumor Options records.
// threads: 0 = automatic (the free cores, at most Edit > Options > Memory & Threads); device: auto, cpu or gpu;
// batchsize: slices per inference pass for every command whose own batchsize is 0. Saved at once, for later runs.
// Argument (optional): the option string, e.g. "threads=1 device=cpu batchsize=2".
options = getArgument();
if (options == "") options = "threads=0 device=auto batchsize=4";
run("Brain Tumor Options", options);

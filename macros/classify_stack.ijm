// Classifies every slice of an MRI slice or stack as tumour / no tumour and saves the table as CSV.
// Arguments (separated by |): input TIFF | output CSV | model bundle folder (optional; empty = embedded default)
//   ImageJ -batch classify_stack.ijm "/data/stack.tif|/results/classes.csv|/models/classifier"
args = split(getArgument(), "(\\|)"); // a regular expression: empty fields (a|b||c) are kept
if (getArgument() == "") {
    input = File.openDialog("MRI slice or stack (TIFF)");
    output = File.openDialog("Output CSV");
    model = "";
} else {
    input = args[0];
    output = args[1];
    model = "";
    if (args.length > 2) model = args[2];
}
setBatchMode(true);
open(input);
run("Classify Tumor Slice", "method=auto model=[" + model + "] threshold=-1 batchsize=4 overlay");
print("classify_stack: overlay of " + Overlay.size + " labels");
Table.save(output, "Tumor Classification");
print("classify_stack: wrote " + output);

# A package as a third party makes it with bioimage.io's official Python API (bioimageio.spec): a traced conv + sigmoid,
# preprocessing [scale_range per channel, clip] (the API adds ensure_dtype steps), an output without a declared
# range. Usage: python third_party_package.py OUT  -> OUT/package
import sys, numpy as np, torch
from pathlib import Path
from bioimageio.spec.model.v0_5 import (ModelDescr, InputTensorDescr, OutputTensorDescr, BatchAxis, ChannelAxis,
    SpaceInputAxis, SpaceOutputAxis, Identifier, AxisId, TensorId, FileDescr, Author, CiteEntry, LicenseId,
    ScaleRangeDescr, ScaleRangeKwargs, ClipDescr, ClipKwargs, SigmoidDescr, TorchscriptWeightsDescr, WeightsDescr,
    ParameterizedSize, SizeReference, EnsureDtypeDescr, EnsureDtypeKwargs, Version)
from bioimageio.spec import save_bioimageio_package_as_folder
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
torch.manual_seed(0); np.random.seed(0)  # fixed, so the package is the same on every run
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__(); self.c = torch.nn.Conv2d(3, 1, 3, padding=1)
    def forward(self, x):
        return torch.sigmoid(self.c(x))
m = Net().eval()
torch.jit.trace(m, torch.rand(1, 3, 64, 64)).save(str(out / "weights.pt"))
x = (np.random.rand(1, 3, 64, 64) * 255).astype(np.float32)
lo = np.percentile(x, 1, axis=(2, 3), keepdims=True); hi = np.percentile(x, 99.5, axis=(2, 3), keepdims=True)
xn = np.clip((x - lo) / (hi - lo + 1e-6), 0, 1).astype(np.float32)
with torch.no_grad(): y = m(torch.from_numpy(xn)).numpy().astype(np.float32)
np.save(out / "test_input.npy", x); np.save(out / "test_output.npy", y)
(out / "README.md").write_text("# test model\n")
inp = InputTensorDescr(id=TensorId("raw"), axes=[BatchAxis(), ChannelAxis(channel_names=[Identifier(c) for c in "abc"]),
        SpaceInputAxis(id=AxisId("y"), size=ParameterizedSize(min=64, step=64)),
        SpaceInputAxis(id=AxisId("x"), size=ParameterizedSize(min=64, step=64))],
    test_tensor=FileDescr(source=out / "test_input.npy"),
    preprocessing=[ScaleRangeDescr(kwargs=ScaleRangeKwargs(axes=[AxisId("y"), AxisId("x")], min_percentile=1, max_percentile=99.5)),
                   ClipDescr(kwargs=ClipKwargs(min=0.0, max=1.0))])
outp = OutputTensorDescr(id=TensorId("prob"), axes=[BatchAxis(), ChannelAxis(channel_names=[Identifier("p")]),
        SpaceOutputAxis(id=AxisId("y"), size=SizeReference(tensor_id=TensorId("raw"), axis_id=AxisId("y"))),
        SpaceOutputAxis(id=AxisId("x"), size=SizeReference(tensor_id=TensorId("raw"), axis_id=AxisId("x")))],
    test_tensor=FileDescr(source=out / "test_output.npy"))
d = ModelDescr(name="third party sigmoid net", description="a conv and a sigmoid", authors=[Author(name="Someone Else")],
    cite=[CiteEntry(text="Else S. A network.", doi="10.1234/example")], license=LicenseId("MIT"),
    documentation=out / "README.md", inputs=[inp], outputs=[outp],
    weights=WeightsDescr(torchscript=TorchscriptWeightsDescr(source=out / "weights.pt", pytorch_version=Version("1.13"))))
save_bioimageio_package_as_folder(d, output_path=out / "package")
print(out / "package")

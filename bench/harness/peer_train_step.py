import sys, time, torch
import os; sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/bench/peer'))
from unet import UNet, dice_loss
torch.set_num_threads(1); torch.manual_seed(0)
m=UNet(init_features=16); x=torch.randn(16,3,128,128); y=(torch.rand(16,1,128,128)>0.9).float()
opt=torch.optim.Adam(m.parameters(),lr=1e-4)
def step():
    opt.zero_grad(set_to_none=True); l=dice_loss(m(x),y); l.backward(); opt.step()
for _ in range(2): step()
ts=[]
for _ in range(5):
    s=time.perf_counter(); step(); ts.append(time.perf_counter()-s)
ts.sort(); print("peer f16 128 b16 1 thread: %.2f samples/s (median %.0f ms)"%(16/ts[2], ts[2]*1e3))

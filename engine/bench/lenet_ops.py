"""LeNet-28's forward operations one by one, batch 256, 2 threads, in the Python PyTorch (compare with
LenetOps.java). With the engine's OpenMP spin: GOMP_SPINCOUNT=10000 python3 engine/bench/lenet_ops.py"""
import torch, time, torch.nn.functional as F
torch.set_num_threads(2)
torch.manual_seed(0)
x=torch.rand(256,1,28,28)
w1=torch.randn(6,1,5,5,requires_grad=True); b1=torch.zeros(6,requires_grad=True)
w2=torch.randn(16,6,5,5,requires_grad=True); b2=torch.zeros(16,requires_grad=True)
l1=torch.randn(120,400,requires_grad=True); l2=torch.randn(84,120,requires_grad=True); l3=torch.randn(10,84,requires_grad=True)
y=torch.randint(0,10,(256,))
def T(name,f,n=300):
    for _ in range(20): f()
    s=time.perf_counter()
    for _ in range(n): f()
    print(f"{name:12s} {(time.perf_counter()-s)/n*1e3:.3f} ms")
a1=F.conv2d(x,w1,b1,padding=2); s1=torch.sigmoid(a1); p1=F.avg_pool2d(s1,2,2)
a2=F.conv2d(p1,w2,b2); s2=torch.sigmoid(a2); p2=F.avg_pool2d(s2,2,2); f=p2.reshape(256,-1)
T("conv1",lambda: F.conv2d(x,w1,b1,padding=2))
T("sigmoid1",lambda: torch.sigmoid(a1))
T("pool1",lambda: F.avg_pool2d(s1,2,2))
T("conv2",lambda: F.conv2d(p1,w2,b2))
T("sigmoid2",lambda: torch.sigmoid(a2))
T("pool2",lambda: F.avg_pool2d(s2,2,2))
T("linear1",lambda: F.linear(f,l1))

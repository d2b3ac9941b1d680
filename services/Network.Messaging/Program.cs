using Network.Messaging;
using Network.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MessagingService.Name);
builder.AddMessagingServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapMessagingApi();
app.Run();

public partial class Program;
